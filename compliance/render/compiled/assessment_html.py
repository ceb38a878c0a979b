# Compiled from templates/assessment.html.j2 by scripts/compile_templates.py; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'assessment.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_for_print = resolve('for_print')
    l_0_stylesheet = resolve('stylesheet')
    l_0_fact_list = l_0_footnotes = l_0_note_item = l_0_section_questions = l_0_status = l_0_wording = missing
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['plural']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'plural' found.")
    try:
        t_6 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    try:
        t_7 = environment.filters['sha']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'sha' found.")
    try:
        t_8 = environment.filters['svg']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'svg' found.")
    pass
    included_template = environment.get_template('_macros.html.j2', 'assessment.html.j2')._get_default_module(context)
    l_0_fact_list = getattr(included_template, 'fact_list', missing)
    if l_0_fact_list is missing:
        l_0_fact_list = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'assessment.html.j2') does not export the requested name 'fact_list'", name='fact_list')
    l_0_footnotes = getattr(included_template, 'footnotes', missing)
    if l_0_footnotes is missing:
        l_0_footnotes = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'assessment.html.j2') does not export the requested name 'footnotes'", name='footnotes')
    l_0_note_item = getattr(included_template, 'note_item', missing)
    if l_0_note_item is missing:
        l_0_note_item = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'assessment.html.j2') does not export the requested name 'note_item'", name='note_item')
    l_0_section_questions = getattr(included_template, 'section_questions', missing)
    if l_0_section_questions is missing:
        l_0_section_questions = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'assessment.html.j2') does not export the requested name 'section_questions'", name='section_questions')
    l_0_status = getattr(included_template, 'status', missing)
    if l_0_status is missing:
        l_0_status = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'assessment.html.j2') does not export the requested name 'status'", name='status')
    l_0_wording = getattr(included_template, 'wording', missing)
    if l_0_wording is missing:
        l_0_wording = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'assessment.html.j2') does not export the requested name 'wording'", name='wording')
    context.vars.update({'fact_list': l_0_fact_list, 'footnotes': l_0_footnotes, 'note_item': l_0_note_item, 'section_questions': l_0_section_questions, 'status': l_0_status, 'wording': l_0_wording})
    context.exported_vars.difference_update(('fact_list', 'footnotes', 'note_item', 'section_questions', 'status', 'wording'))
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'title'))
    yield '</title>\n<meta name="author" content="'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'prepared_by'))
    yield '">\n<meta name="description" content="Assessment of case '
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_id'))
    yield ' as of '
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'as_of'))
    yield '">\n<meta name="keywords" content="'
    yield escape(t_2(context.eval_ctx, environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'keywords'), ', '))
    yield '">\n<meta name="generator" content="compliance '
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tool_version'))
    yield '">\n<meta name="dcterms.created" content="'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'created'))
    yield '">\n<meta name="dcterms.modified" content="'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'created'))
    yield '">\n'
    if (undefined(name='for_print') if l_0_for_print is missing else l_0_for_print):
        pass
        yield '<link rel="stylesheet" href="print.css">\n'
    else:
        pass
        yield '<style>'
        yield escape((undefined(name='stylesheet') if l_0_stylesheet is missing else l_0_stylesheet))
        yield '</style>\n'
    yield '</head>\n<body>\n<div class="running" id="running-title">'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_id'))
    yield ' &#183; as of '
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'as_of'))
    yield '</div>\n\n<section class="cover" id="cover">\n<p class="kicker">Sanctions compliance assessment</p>\n<h1 class="cover-title">'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_title'))
    yield '</h1>\n<table class="facts-table">\n<tr><th>Case</th><td><code>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_id'))
    yield '</code></td></tr>\n<tr><th>Assessed as of</th><td>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'as_of'))
    yield '</td></tr>\n<tr><th>Prepared on</th><td>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'prepared_on'))
    yield '</td></tr>\n<tr><th>Prepared by</th><td>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'prepared_by'))
    yield '</td></tr>\n<tr><th>Rule set</th><td>'
    yield escape(t_5(t_3(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'rules')), 'rule'))
    yield '; digest <code>'
    yield escape(t_7(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'rulebook_sha256')))
    yield '</code></td></tr>\n<tr><th>Tool</th><td>compliance '
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tool_version'))
    yield '</td></tr>\n</table>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_summary'):
        pass
        yield '<p class="case-summary">'
        yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_summary'))
        yield '</p>'
    yield '<p class="disclaimer">This report applies encoded readings of UN Security Council provisions to the facts recorded in the case file. It is an aid to analysis, not legal advice. Quotation marks around provision text mark wording checked word for word against the source named beside it; other provision text is labelled as a summary. Quotation marks in footnotes mark words copied from the cited source.</p>\n</section>\n\n<section id="summary">\n<h1>Executive summary</h1>\n<table class="counts"><tr>\n'
    for (l_1_code, l_1_label, l_1_n) in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'counts'):
        _loop_vars = {}
        pass
        yield '<td class="count-'
        yield escape(l_1_code)
        yield '"><span class="n">'
        yield escape(l_1_n)
        yield '</span> '
        yield escape(l_1_label)
        yield '</td>'
    l_1_code = l_1_label = l_1_n = missing
    yield '</tr></table>\n<p class="counts-note">Counts are findings (one relationship under one rule), including rules that do not apply.</p>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'nearest_deadline'):
        pass
        yield '<p class="nearest">Nearest deadline: <strong>'
        yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'nearest_deadline'))
        yield '</strong>, <a href="#'
        yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'nearest_deadline_anchor'))
        yield '">'
        yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'nearest_deadline_title'))
        yield '</a>.</p>\n'
    else:
        pass
        yield '<p class="nearest">No finding sets a deadline.</p>\n'
    yield '<ul class="summary-lines">\n'
    for l_1_line in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'summary'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(context.call((undefined(name='status') if l_0_status is missing else l_0_status), environment.getattr(l_1_line, 'status'), environment.getattr(l_1_line, 'status_label'), _loop_vars=_loop_vars))
        yield ' '
        if environment.getattr(l_1_line, 'anchor'):
            pass
            yield '<a href="#'
            yield escape(environment.getattr(l_1_line, 'anchor'))
            yield '">'
            yield escape(environment.getattr(l_1_line, 'title'))
            yield '</a>'
        else:
            pass
            yield escape(environment.getattr(l_1_line, 'title'))
        yield '. '
        yield escape(environment.getattr(l_1_line, 'sentence'))
        yield '</li>\n'
    l_1_line = missing
    yield '</ul>\n<h2 class="toc-title">Findings, most serious first</h2>\n<table class="toc">\n<thead><tr><th>No.</th><th>Relationship</th><th>Provision</th><th>Status</th><th>Deadline</th></tr></thead>\n<tbody>\n'
    t_9 = 1
    for l_1_f in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'findings'):
        _loop_vars = {}
        pass
        yield '<tr><td><a href="#'
        yield escape(environment.getattr(l_1_f, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_f, 'label'))
        yield '</a></td><td>'
        yield escape(environment.getattr(l_1_f, 'relationship_title'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_f, 'pinpoint'))
        yield '</td><td>'
        yield escape(context.call((undefined(name='status') if l_0_status is missing else l_0_status), environment.getattr(l_1_f, 'status'), environment.getattr(l_1_f, 'status_label'), _loop_vars=_loop_vars))
        yield '</td><td>'
        yield escape((environment.getattr(l_1_f, 'deadline') or ''))
        yield '</td></tr>\n'
        t_9 = 0
    l_1_f = missing
    if t_9:
        pass
        yield '<tr><td colspan="5">No provision in the rule set reaches any relationship.</td></tr>\n'
    yield '</tbody>\n</table>\n</section>\n\n<section class="continued" id="findings">\n<h1>Findings</h1>\n<p class="caption">One section per relationship, the most serious first; within a section, the most serious finding first. Not-applicable findings are counted in the summary but not printed. The full evaluation trace of every finding (each condition, the value read and its evidence) is in the findings JSON attached to this PDF.</p>\n'
    t_10 = 1
    for l_1_sec in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'sections'):
        _loop_vars = {}
        pass
        yield '<section class="relationship">\n<div class="rel-head">\n<h2 id="'
        yield escape(environment.getattr(l_1_sec, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_sec, 'number'))
        yield '. '
        yield escape(environment.getattr(l_1_sec, 'title'))
        yield '</h2>\n<p class="rel-meta"><code>'
        yield escape(environment.getattr(l_1_sec, 'id'))
        yield '</code> &#183; '
        yield escape(environment.getattr(l_1_sec, 'kind'))
        yield ' &#183; '
        yield escape(environment.getattr(l_1_sec, 'parties'))
        if environment.getattr(l_1_sec, 'states'):
            pass
            yield '<br><span class="label">Obligated State'
            yield escape(('s' if (t_3(environment.getattr(l_1_sec, 'states')) > 1) else ''))
            yield ':</span> '
            yield escape(t_2(context.eval_ctx, environment.getattr(l_1_sec, 'states'), '; '))
        yield '</p>\n</div>\n'
        if environment.getattr(l_1_sec, 'facts'):
            pass
            yield escape(context.call((undefined(name='fact_list') if l_0_fact_list is missing else l_0_fact_list), environment.getattr(l_1_sec, 'facts'), _loop_vars=_loop_vars))
        if environment.getattr(l_1_sec, 'caveats'):
            pass
            yield '<ul class="notes">'
            for l_2_c in environment.getattr(l_1_sec, 'caveats'):
                _loop_vars = {}
                pass
                yield escape(context.call((undefined(name='note_item') if l_0_note_item is missing else l_0_note_item), l_2_c, 'Caveat (every finding below)', _loop_vars=_loop_vars))
            l_2_c = missing
            yield '</ul>'
        for l_2_f in environment.getattr(l_1_sec, 'findings'):
            _loop_vars = {}
            pass
            template = environment.get_template('_finding.html.j2', 'assessment.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'f': l_2_f, 'sec': l_1_sec, 'fact_list': l_0_fact_list, 'footnotes': l_0_footnotes, 'note_item': l_0_note_item, 'section_questions': l_0_section_questions, 'status': l_0_status, 'wording': l_0_wording}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
        l_2_f = missing
        if environment.getattr(l_1_sec, 'questions'):
            pass
            yield escape(context.call((undefined(name='section_questions') if l_0_section_questions is missing else l_0_section_questions), l_1_sec, _loop_vars=_loop_vars))
        yield '</section>\n'
        t_10 = 0
    l_1_sec = missing
    if t_10:
        pass
        yield '<p>No findings.</p>\n'
    yield '</section>\n\n<section class="continued" id="parties">\n<h1>Parties and relationships</h1>\n<h2>Parties</h2>\n<table class="data parties">\n<thead><tr><th>Party</th><th>Kind</th><th>Country</th><th>Owners</th></tr></thead>\n<tbody>\n'
    for l_1_p in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'parties'):
        _loop_vars = {}
        pass
        yield '<tr><td><strong>'
        yield escape(environment.getattr(l_1_p, 'name'))
        yield '</strong>'
        if environment.getattr(l_1_p, 'aliases'):
            pass
            yield '<br><span class="aka">also '
            yield escape(environment.getattr(l_1_p, 'aliases'))
            yield '</span>'
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'kind'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'country'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'owners'))
        yield '</td></tr>\n'
    l_1_p = missing
    yield '</tbody>\n</table>\n<h2>Relationships</h2>\n<table class="data rels">\n<thead><tr><th>Relationship</th><th>Kind</th><th>Parties (role)</th><th>Period</th><th>Most serious</th></tr></thead>\n<tbody>\n'
    for l_1_r in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'relationships'):
        _loop_vars = {}
        pass
        yield '<tr><td><strong id="'
        yield escape(environment.getattr(l_1_r, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_r, 'title'))
        yield '</strong><br><code>'
        yield escape(environment.getattr(l_1_r, 'id'))
        yield '</code></td><td>'
        yield escape(environment.getattr(l_1_r, 'kind'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'parties'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'period'))
        yield '</td><td>'
        yield escape(context.call((undefined(name='status') if l_0_status is missing else l_0_status), environment.getattr(l_1_r, 'status'), environment.getattr(l_1_r, 'status_label'), _loop_vars=_loop_vars))
        yield '</td></tr>\n'
    l_1_r = missing
    yield '</tbody>\n</table>\n</section>\n\n<section class="figure-page" id="diagram">\n<div class="figure-block">\n<h1>Relationship diagram</h1>\n<p class="caption">Parties grouped by country (DPRK parties in the middle). Lines are relationships, coloured by their most serious finding (a label ending &#215;3 stands for three relationships of that kind between the same two parties); dashed arrows are ownership shares as recorded in the case.</p>\n<div class="figure">'
    yield escape(t_8(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'diagram_svg')))
    yield '</div>\n</div>\n<div class="figure-block">\n<h1 id="timeline">Timeline</h1>\n<p class="caption">Each relationship\'s recorded period against the adoption dates of the provisions applied, the deadlines found and the assessment date.</p>\n<div class="figure">'
    yield escape(t_8(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'timeline_svg')))
    yield '</div>\n</div>\n</section>\n\n<section class="continued" id="disagreements">\n<h1>Disagreements between sources</h1>\n'
    t_11 = 1
    for l_1_d in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'disagreements'):
        l_1_calls = missing
        _loop_vars = {}
        pass
        yield '<h2 class="small">'
        yield escape(environment.getattr(l_1_d, 'about'))
        yield '</h2>\n'
        l_1_calls = t_2(context.eval_ctx, t_4(context, t_6(context, environment.getattr(l_1_d, 'footnotes'), 'repeat_of'), attribute='number'), ' ')
        _loop_vars['calls'] = l_1_calls
        yield '<p'
        if (undefined(name='calls') if l_1_calls is missing else l_1_calls):
            pass
            yield ' data-fn="'
            yield escape((undefined(name='calls') if l_1_calls is missing else l_1_calls))
            yield '"'
        yield '>'
        yield escape(environment.getattr(l_1_d, 'summary'))
        yield escape(context.call((undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes), environment.getattr(l_1_d, 'footnotes'), _loop_vars=_loop_vars))
        yield '</p>\n'
        t_11 = 0
    l_1_d = l_1_calls = missing
    if t_11:
        pass
        yield '<p>The case records no disagreements between sources.</p>\n'
    yield '</section>\n\n<section class="continued" id="sources">\n<h1>Sources</h1>\n<ol class="bibliography">\n'
    l_1_loop = missing
    for l_1_s, l_1_loop in LoopContext(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'sources'), undefined):
        _loop_vars = {}
        pass
        yield '<li id="'
        yield escape(environment.getattr(l_1_s, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '. '
        if environment.getattr(l_1_s, 'author'):
            pass
            yield escape(environment.getattr(l_1_s, 'author'))
            yield ', '
        yield '<cite>'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</cite>. '
        yield escape(environment.getattr(l_1_s, 'publisher'))
        yield ', '
        yield escape(environment.getattr(l_1_s, 'published'))
        yield '. '
        yield escape(t_1(environment.getattr(l_1_s, 'kind')))
        yield '.'
        if environment.getattr(l_1_s, 'url'):
            pass
            yield ' <a class="url" href="'
            yield escape(environment.getattr(l_1_s, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_s, 'url'))
            yield '</a>'
        if environment.getattr(l_1_s, 'cited_in'):
            pass
            yield ' <span class="cited">Footnotes '
            yield escape(environment.getattr(l_1_s, 'cited_in'))
            yield '.</span>'
        else:
            pass
            yield ' <span class="cited">Not cited by any finding.</span>'
        yield '</li>\n'
    l_1_loop = l_1_s = missing
    yield '</ol>\n</section>\n\n<section class="appendix continued" id="appendix-a">\n<h1>Appendix A: provisions cited</h1>\n<p class="caption">Each provision a finding cites: where it comes from, how far its paragraph number is verified, and any text the findings do not print (such as another official language). The other rules applied are listed in Appendix B.</p>\n'
    for l_1_r in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'provisions'):
        _loop_vars = {}
        pass
        yield '<h2 id="'
        yield escape(environment.getattr(l_1_r, 'anchor'))
        yield '" class="small">'
        yield escape(environment.getattr(l_1_r, 'pinpoint'))
        yield ': '
        yield escape(environment.getattr(l_1_r, 'title'))
        yield '</h2>\n<p class="verified">Rule <code>'
        yield escape(environment.getattr(l_1_r, 'id'))
        yield '</code> version '
        yield escape(environment.getattr(l_1_r, 'version'))
        yield '. Adopted '
        yield escape(environment.getattr(l_1_r, 'adopted'))
        yield '. <a class="url" href="'
        yield escape(environment.getattr(l_1_r, 'url'))
        yield '">'
        yield escape(environment.getattr(l_1_r, 'url'))
        yield '</a>. Paragraph number '
        yield escape(environment.getattr(l_1_r, 'paragraph_status'))
        if environment.getattr(l_1_r, 'paragraph_basis'):
            pass
            yield ': '
            yield escape(environment.getattr(l_1_r, 'paragraph_basis'))
        yield '</p>\n'
        for l_2_t in environment.getattr(l_1_r, 'texts'):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='wording') if l_0_wording is missing else l_0_wording), l_2_t, _loop_vars=_loop_vars))
        l_2_t = missing
    l_1_r = missing
    yield '</section>\n\n<section class="appendix continued" id="appendix-b">\n<h1>Appendix B: inputs and digests</h1><table class="data digests">\n<thead><tr><th>Input</th><th>Version</th><th>SHA-256</th></tr></thead>\n<tbody>\n<tr><td>Case file <code>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_id'))
    yield '</code></td><td></td><td><code>'
    yield escape(t_7(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'case_sha256')))
    yield '</code></td></tr>\n'
    for l_1_r in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'rules'):
        _loop_vars = {}
        pass
        yield '<tr><td>Rule <code>'
        yield escape(environment.getattr(l_1_r, 'id'))
        yield '</code> ('
        yield escape(environment.getattr(l_1_r, 'pinpoint'))
        yield ')</td><td>'
        yield escape(environment.getattr(l_1_r, 'version'))
        yield '</td><td><code>'
        yield escape(t_7(environment.getattr(l_1_r, 'sha256')))
        yield '</code></td></tr>\n'
    l_1_r = missing
    yield '<tr><td>Rule set (all rules)</td><td></td><td><code>'
    yield escape(t_7(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'rulebook_sha256')))
    yield '</code></td></tr>\n<tr><td>Tool</td><td>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tool_version'))
    yield '</td><td></td></tr>\n</tbody>\n</table>\n<p>The case file and the findings (JSON, with the full trace of every finding) are embedded in this PDF as attachments.</p>\n</section>\n\n</body>\n</html>\n'

blocks = {}
debug_info = '1=63&6=85&7=87&8=89&9=93&10=95&11=97&12=99&13=101&16=107&20=110&24=114&26=116&27=118&28=120&29=122&30=124&31=128&33=130&40=136&43=148&44=151&49=161&50=165&57=183&58=187&69=206&75=210&76=216&78=228&79=231&80=240&81=243&83=250&96=260&97=264&105=280&106=284&116=300&121=302&127=305&128=310&129=312&130=315&139=331&140=335&148=370&149=374&150=380&151=396&159=403&160=407&161=411&163=421&164=423'
