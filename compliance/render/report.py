"""A report: the assessment, its view model and HTML, and the PDF made from them.

Building a report reads nothing and writes nothing; :func:`report_pdf` lays it
out (WeasyPrint is imported only there).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.models.case import Relationship
from compliance.models.findings import Assessment
from compliance.render.html import render_html
from compliance.render.viewmodel import build_view
from compliance.render.viewtypes import ReportView


@dataclass(frozen=True)
class Report:
    """Everything a report needs before layout: the assessment, view and HTML."""

    loaded: LoadedCase
    assessment: Assessment
    view: ReportView
    html: str


def build_report(loaded: LoadedCase, assessment: Assessment, rulebook: Rulebook,
                 relationships: Iterable[Relationship], *, for_print: bool = True) -> Report:
    """The report of an assessment (``for_print`` selects the paged PDF layout)."""
    view = build_view(assessment, loaded, rulebook, tuple(relationships))
    return Report(loaded, assessment, view, render_html(view, for_print=for_print))


def assessment_json(assessment: Assessment) -> bytes:
    """The assessment as JSON, as embedded in the PDF (serialised by pydantic-core;
    the same bytes as ``json.dumps(..., indent=2, ensure_ascii=False)``)."""
    return (assessment.model_dump_json(indent=2) + "\n").encode()


def report_pdf(report: Report, *, uncompressed_pdf: bool = False) -> bytes:
    """Lay out the report as tagged PDF/A-3a with the case and findings attached."""
    from compliance.render.pdf import Attachment, Metadata, render_pdf

    loaded, assessment, view = report.loaded, report.assessment, report.view
    suffix = loaded.path.suffix or ".yaml"
    day = loaded.case.prepared_on or assessment.as_of
    attachments = (
        Attachment(f"{loaded.case.id}{suffix}", loaded.doc.text.encode(),
                   "The case file assessed (SHA-256 in Appendix B)", day),
        Attachment(f"{loaded.case.id}-{assessment.as_of.isoformat()}-findings.json",
                   assessment_json(assessment),
                   "The findings as JSON, with the full trace of each finding", day),
    )
    metadata = Metadata(title=view.title, author=view.prepared_by,
                        subject=f"Assessment of case {view.case_id} as of {view.as_of}"
                                " against UN Security Council DPRK provisions",
                        keywords=view.keywords, date=day)
    return render_pdf(report.html, attachments, metadata, uncompressed_pdf=uncompressed_pdf)
