"""Precompiled templates (see compliance.render.html); written by
scripts/compile_templates.py, do not edit."""

MANIFEST: dict[str, tuple[str, str]] = {
    '_finding.html.j2': ('finding_html', '82e620660cec5abdefc3bd1405351bb25c680dd0f31ec05cda7dcc9b9282c6de'),
    '_macros.html.j2': ('macros_html', '1006ada79b9184ba8a1a23e58c2354f45feefaa72da1f7d77507f949f8ea7674'),
    'assessment.html.j2': ('assessment_html', 'c7f10d6ed074b266a7ef556e35512f5b165c3ddd9fd07201286d3128e6232b4f'),
}
