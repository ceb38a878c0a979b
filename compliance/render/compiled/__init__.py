"""Precompiled templates (see compliance.render.html); written by
scripts/compile_templates.py, do not edit."""

MANIFEST: dict[str, tuple[str, str]] = {
    '_finding.html.j2': ('finding_html', '18c5d44542aae5d2a981313cded1d53e662f176a9f4dc70f27cdd9f6ef53f25c'),
    '_macros.html.j2': ('macros_html', '1006ada79b9184ba8a1a23e58c2354f45feefaa72da1f7d77507f949f8ea7674'),
    'assessment.html.j2': ('assessment_html', '3fded0543f8a6d974e4b78537b8fc83a71274164587d40ca7737ed291c2c0889'),
}
