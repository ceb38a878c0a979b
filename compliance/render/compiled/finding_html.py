# Compiled from templates/_finding.html.j2 by scripts/compile_templates.py; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_finding.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_f = resolve('f')
    l_0_sec = resolve('sec')
    l_0_fact_list = l_0_note_item = l_0_status = l_0_wording = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['join_words']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join_words' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    included_template = environment.get_template('_macros.html.j2', '_finding.html.j2')._get_default_module(context)
    l_0_fact_list = getattr(included_template, 'fact_list', missing)
    if l_0_fact_list is missing:
        l_0_fact_list = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_finding.html.j2') does not export the requested name 'fact_list'", name='fact_list')
    l_0_note_item = getattr(included_template, 'note_item', missing)
    if l_0_note_item is missing:
        l_0_note_item = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_finding.html.j2') does not export the requested name 'note_item'", name='note_item')
    l_0_status = getattr(included_template, 'status', missing)
    if l_0_status is missing:
        l_0_status = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_finding.html.j2') does not export the requested name 'status'", name='status')
    l_0_wording = getattr(included_template, 'wording', missing)
    if l_0_wording is missing:
        l_0_wording = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_finding.html.j2') does not export the requested name 'wording'", name='wording')
    context.vars.update({'fact_list': l_0_fact_list, 'note_item': l_0_note_item, 'status': l_0_status, 'wording': l_0_wording})
    context.exported_vars.difference_update(('fact_list', 'note_item', 'status', 'wording'))
    yield '<article class="finding finding-'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'status'))
    yield '">\n<div class="finding-top">\n<h3 id="'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'anchor'))
    yield '">'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'label'))
    yield ' '
    yield escape(context.call((undefined(name='status') if l_0_status is missing else l_0_status), environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'status'), environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'status_label')))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'provision_url'))
    yield '">'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'pinpoint'))
    yield '</a>'
    if environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'provision_title'):
        pass
        yield ' ('
        yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'provision_title'))
        yield ')'
    yield '</h3>\n'
    if environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'deadline'):
        pass
        yield '<p class="finding-head"><span class="deadline">Last permitted day: <strong>'
        yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'deadline'))
        yield '</strong></span></p>'
    yield '<p class="reason">'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'reason'))
    yield ' <span class="meta">('
    if environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'questions'):
        pass
        yield 'Possible outcomes now: '
        yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'possible'))
        yield '; question'
        yield escape(('s' if (t_3(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'questions')) > 1) else ''))
        yield ' '
        yield escape(t_2(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'questions')))
        yield ' below. '
    yield 'Rule '
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'rule_id'))
    yield ' v'
    yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'rule_version'))
    if (environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'paragraph_status') != 'verified'):
        pass
        yield '; paragraph number not verified'
    if environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'wording_ref'):
        pass
        yield '; wording and its source: see <a href="#'
        yield escape(environment.getitem(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'wording_ref'), 0))
        yield '">'
        yield escape(environment.getitem(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'wording_ref'), 1))
        yield '</a>'
    yield '.)</span></p>\n</div>\n'
    if environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'route'):
        pass
        yield '<p><span class="label">Route:</span> '
        yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'route'))
        yield '</p>'
    if (environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'states') and (not environment.getattr((undefined(name='sec') if l_0_sec is missing else l_0_sec), 'states'))):
        pass
        yield '<p><span class="label">Obligated State'
        yield escape(('s' if (t_3(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'states')) > 1) else ''))
        yield ':</span> '
        yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'states'), '; '))
        yield '</p>'
    if (not environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'wording_ref')):
        pass
        for l_1_t in environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'texts'):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='wording') if l_0_wording is missing else l_0_wording), l_1_t, _loop_vars=_loop_vars))
        l_1_t = missing
        yield '<p class="verified">Source and verification of this provision: <a href="#'
        yield escape(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'provision_anchor'))
        yield '">Appendix A</a>.</p>\n'
    if environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'facts'):
        pass
        yield '<p class="subhead">Facts relied on</p>'
        yield escape(context.call((undefined(name='fact_list') if l_0_fact_list is missing else l_0_fact_list), environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'facts')))
    if ((environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'remarks') or environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'caveats')) or environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'assumptions')):
        pass
        yield '<ul class="notes">\n'
        for l_1_r in environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'remarks'):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='note_item') if l_0_note_item is missing else l_0_note_item), l_1_r, _loop_vars=_loop_vars))
        l_1_r = missing
        for l_1_c in environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'caveats'):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='note_item') if l_0_note_item is missing else l_0_note_item), l_1_c, 'Caveat', _loop_vars=_loop_vars))
        l_1_c = missing
        for l_1_a in environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'assumptions'):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='note_item') if l_0_note_item is missing else l_0_note_item), l_1_a, 'Assumption', _loop_vars=_loop_vars))
        l_1_a = missing
        yield '</ul>\n'
    yield '</article>\n'

blocks = {}
debug_info = '1=32&2=48&4=50&5=66&6=72&8=98&9=103&10=110&11=112&12=118&14=120&15=124&17=127&18=132&19=137'
