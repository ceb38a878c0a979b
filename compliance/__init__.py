"""Assess telecom relationships against encoded UN Security Council DPRK provisions.

The library's public face; see ``docs/api.md``.  A typical run::

    import compliance

    case = compliance.load_case("cases/koryolink.yaml")
    rulebook = compliance.load_rulebook()           # the installed catalogue
    assessment = compliance.assess(case, rulebook)  # pure: no file is read or written
    report = compliance.report(case, rulebook)      # assessment, view model and HTML
    compliance.write_output("reports/k.pdf", compliance.report_pdf(report))

Names are imported when first used, so ``import compliance`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from compliance.version import __version__

_EXPORTS = {
    "load_case": "compliance.pipeline",
    "adopt": "compliance.inputs.adopted",
    "load_rulebook": "compliance.pipeline",
    "check_rules": "compliance.pipeline",
    "assess": "compliance.pipeline",
    "report": "compliance.pipeline",
    "write_output": "compliance.output.files",
    "report_pdf": "compliance.render.report",
    "assessment_json": "compliance.render.report",
    "Report": "compliance.render.report",
    "LoadedCase": "compliance.inputs.cases",
    "Rulebook": "compliance.engine.compile",
    "Assessment": "compliance.models.findings",
    "Finding": "compliance.models.findings",
    "Interval": "compliance.models.findings",
    "ComplianceError": "compliance.errors",
    "InvalidInputError": "compliance.errors",
    "Diagnostic": "compliance.errors",
}

__all__ = [
    "Assessment", "ComplianceError", "Diagnostic", "Finding", "Interval", "InvalidInputError",
    "LoadedCase", "Report", "Rulebook", "__version__", "adopt", "assess", "assessment_json",
    "check_rules", "load_case", "load_rulebook", "report", "report_pdf", "write_output",
]

if TYPE_CHECKING:
    from compliance.engine.compile import Rulebook
    from compliance.errors import ComplianceError, Diagnostic, InvalidInputError
    from compliance.inputs.adopted import adopt
    from compliance.inputs.cases import LoadedCase
    from compliance.models.findings import Assessment, Finding, Interval
    from compliance.output.files import write_output
    from compliance.pipeline import assess, check_rules, load_case, load_rulebook, report
    from compliance.render.report import Report, assessment_json, report_pdf


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'compliance' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
