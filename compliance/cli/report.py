"""``compliance report``: write a cited PDF (or HTML) assessment of one case."""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import typer

from compliance.cli import app
from compliance.cli.common import (
    RULES_HELP,
    Process,
    default_rules_dir,
    parse_date,
    reported_errors,
)
from compliance.engine.assess import assess, load_rulebook, resolve_as_of
from compliance.engine.compile import Rulebook
from compliance.errors import UsageError
from compliance.inputs.loading import LoadedCase, load_case
from compliance.models.findings import Assessment
from compliance.render.html import render_html
from compliance.render.viewmodel import build_view
from compliance.render.viewtypes import ReportView


class ReportFormat(StrEnum):
    pdf = "pdf"
    html = "html"


@dataclass(frozen=True)
class Prepared:
    """Everything a report needs before layout: the assessment, view and HTML."""

    loaded: LoadedCase
    assessment: Assessment
    view: ReportView
    html: str


def prepare(loaded: LoadedCase, rulebook: Rulebook, as_of: dt.date | None,
            *, for_print: bool = True) -> Prepared:
    """Assess the case and render its HTML (pure; no file is written)."""
    assessment = assess(loaded, rulebook, as_of)
    view = build_view(assessment, loaded, rulebook)
    return Prepared(loaded, assessment, view, render_html(view, for_print=for_print))


def findings_json(assessment: Assessment) -> bytes:
    """The assessment as JSON, as embedded in the PDF (serialised by pydantic-core;
    the same bytes as ``json.dumps(..., indent=2, ensure_ascii=False)``)."""
    return (assessment.model_dump_json(indent=2) + "\n").encode()


def pdf_bytes(prepared: Prepared, *, uncompressed_pdf: bool = False) -> bytes:
    """Lay out the prepared HTML as PDF/A-3b with the case and findings attached."""
    from compliance.render.pdf import Attachment, Metadata, render_pdf

    loaded, assessment, view = prepared.loaded, prepared.assessment, prepared.view
    suffix = loaded.path.suffix or ".yaml"
    day = loaded.case.prepared_on or assessment.as_of
    attachments = (
        Attachment(f"{loaded.case.id}{suffix}", loaded.doc.text.encode(),
                   "The case file assessed (SHA-256 in Appendix B)", day),
        Attachment(f"{loaded.case.id}-{assessment.as_of.isoformat()}-findings.json",
                   findings_json(assessment),
                   "The findings as JSON, with the full trace of each finding", day),
    )
    metadata = Metadata(title=view.title, author=view.prepared_by,
                        subject=f"Assessment of case {view.case_id} as of {view.as_of}"
                                " against UN Security Council DPRK provisions",
                        keywords=view.keywords, date=day)
    return render_pdf(prepared.html, attachments, metadata, uncompressed_pdf=uncompressed_pdf)


@app.command()
def report(
    case: Path = typer.Argument(..., help="Case file (.yaml, .yml or .json).", show_default=False),
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                              help="Assessment date. [default: the case's as_of]"),
    output: Path = typer.Option(None, "--output", "-o",
                                help="Where to write. [default: reports/<case-id>-<as-of>.pdf]"),
    fmt: ReportFormat = typer.Option(ReportFormat.pdf, "--format", "-f", help="Output format."),
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     help=RULES_HELP),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Write a cited assessment of CASE: findings with quoted provisions and footnotes.

    The PDF is PDF/A-3b with the case file and the findings (JSON) attached.  The
    same inputs always give a byte-identical file.
    """
    from compliance.render.pdf import write_atomic

    with reported_errors(debug):
        day = parse_date(as_of)
        loaded = load_case(case)
        when = resolve_as_of(loaded.case, day)
        path = output or Path("reports") / f"{loaded.case.id}-{when.isoformat()}.{fmt.value}"
        if path.exists() and not force:
            raise UsageError(f"{path} already exists; pass --force to overwrite it")
        if path.exists() and path.is_dir():
            raise UsageError(f"{path} is a directory; give a file path with -o")
        rulebook = load_rulebook(rules or [default_rules_dir()])
        if Process.one_shot:
            # The process ends after the write: a collection would only walk the
            # laid-out document (0.05 s), so the cyclic GC stays off from here.
            gc.disable()
        prepared = prepare(loaded, rulebook, when, for_print=fmt is ReportFormat.pdf)
        data = prepared.html.encode() if fmt is ReportFormat.html else pdf_bytes(prepared)
        write_atomic(path, data)
    typer.echo(str(path))
