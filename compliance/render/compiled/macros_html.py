# Compiled from templates/_macros.html.j2 by scripts/compile_templates.py; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_footnote = l_0_wording = l_0_footnotes = l_0_note_item = l_0_status = l_0_fact_list = l_0_section_questions = missing
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
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_6 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    pass
    def macro(l_1_fn):
        t_7 = []
        l_1_c = resolve('c')
        if l_1_fn is missing:
            l_1_fn = undefined("parameter 'fn' was not provided", name='fn')
        pass
        if environment.getattr(l_1_fn, 'repeat_of'):
            pass
            t_7.extend((
                '<a class="fnref" href="#fn-',
                escape(environment.getattr(l_1_fn, 'repeat_of')),
                '" title="note ',
                escape(environment.getattr(l_1_fn, 'repeat_of')),
                '">',
                escape(environment.getattr(l_1_fn, 'repeat_of')),
                '</a>',
            ))
        else:
            pass
            l_1_c = environment.getattr(l_1_fn, 'citation')
            t_7.extend((
                '<span class="fn" data-n="',
                escape(environment.getattr(l_1_fn, 'number')),
                '" id="fn-',
                escape(environment.getattr(l_1_fn, 'number')),
                '"><a class="bib" href="#',
                escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'source_anchor')),
                '">',
                escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'publisher')),
                '</a>',
            ))
            if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'published'):
                pass
                t_7.extend((
                    ', ',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'published')),
                ))
            if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'title'):
                pass
                t_7.extend((
                    ', <cite>',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'title')),
                    '</cite>',
                ))
            if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'url'):
                pass
                t_7.extend((
                    ', <a class="url" href="',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'url')),
                    '">',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'url')),
                    '</a>',
                ))
            if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'quote'):
                pass
                t_7.extend((
                    ': &#8220;',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'quote')),
                    '&#8221;',
                ))
            if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'locator'):
                pass
                t_7.extend((
                    ' (',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'locator')),
                    ')',
                ))
            if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'note'):
                pass
                t_7.extend((
                    '. Note: ',
                    escape(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'note')),
                ))
            t_7.append(
                '.</span>',
            )
        return concat(t_7)
    context.exported_vars.add('footnote')
    context.vars['footnote'] = l_0_footnote = Macro(environment, macro, 'footnote', ('fn',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t):
        t_8 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        if (environment.getattr(l_1_t, 'kind') == 'quote'):
            pass
            t_8.extend((
                '<div class="wording">\n<blockquote><p><span class="wording-label">Verified wording, ',
                escape(environment.getattr(l_1_t, 'language')),
            ))
            if environment.getattr(l_1_t, 'extent'):
                pass
                t_8.extend((
                    ' (',
                    escape(environment.getattr(l_1_t, 'extent')),
                    ')',
                ))
            t_8.extend((
                '</span><br><span lang="',
                escape(('fr' if (environment.getattr(l_1_t, 'language') == 'French') else 'en')),
                '">&#8220;',
                escape(environment.getattr(l_1_t, 'text')),
                '&#8221;</span></p></blockquote>\n<p class="verified">Checked word for word in: ',
                escape(environment.getattr(l_1_t, 'verified_title')),
            ))
            if environment.getattr(l_1_t, 'verified_publisher'):
                pass
                t_8.extend((
                    ', ',
                    escape(environment.getattr(l_1_t, 'verified_publisher')),
                ))
            if environment.getattr(l_1_t, 'verified_url'):
                pass
                t_8.extend((
                    ', <a class="url" href="',
                    escape(environment.getattr(l_1_t, 'verified_url')),
                    '">',
                    escape(environment.getattr(l_1_t, 'verified_url')),
                    '</a>',
                ))
            t_8.append(
                '.</p>\n</div>\n',
            )
        else:
            pass
            t_8.extend((
                '<div class="summary-text">\n<p><span class="wording-label">Summary (not the official wording), ',
                escape(environment.getattr(l_1_t, 'language')),
                '</span><br>',
                escape(environment.getattr(l_1_t, 'text')),
                '</p>\n',
            ))
            if environment.getattr(l_1_t, 'basis'):
                pass
                t_8.extend((
                    '<p class="verified">Basis: ',
                    escape(environment.getattr(l_1_t, 'basis')),
                    '</p>',
                ))
            t_8.append(
                '</div>\n',
            )
        return concat(t_8)
    context.exported_vars.add('wording')
    context.vars['wording'] = l_0_wording = Macro(environment, macro, 'wording', ('t',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_list):
        t_9 = []
        if l_1_list is missing:
            l_1_list = undefined("parameter 'list' was not provided", name='list')
        pass
        for l_2_fn in l_1_list:
            _loop_vars = {}
            pass
            t_9.append(
                escape(context.call((undefined(name='footnote') if l_0_footnote is missing else l_0_footnote), l_2_fn, _loop_vars=_loop_vars)),
            )
        l_2_fn = missing
        return concat(t_9)
    context.exported_vars.add('footnotes')
    context.vars['footnotes'] = l_0_footnotes = Macro(environment, macro, 'footnotes', ('list',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_text, l_1_label):
        t_10 = []
        if l_1_text is missing:
            l_1_text = undefined("parameter 'text' was not provided", name='text')
        if l_1_label is missing:
            l_1_label = ''
        pass
        t_10.append(
            '<li>&#8226; ',
        )
        if l_1_label:
            pass
            t_10.extend((
                '<span class="label">',
                escape(l_1_label),
                ':</span> ',
            ))
        t_10.extend((
            escape(l_1_text),
            '</li>',
        ))
        return concat(t_10)
    context.exported_vars.add('note_item')
    context.vars['note_item'] = l_0_note_item = Macro(environment, macro, 'note_item', ('text', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_code, l_1_label):
        t_11 = []
        if l_1_code is missing:
            l_1_code = undefined("parameter 'code' was not provided", name='code')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        pass
        t_11.extend((
            '<span class="status status-',
            escape(l_1_code),
            '">',
            escape(l_1_label),
            '</span>',
        ))
        return concat(t_11)
    context.exported_vars.add('status')
    context.vars['status'] = l_0_status = Macro(environment, macro, 'status', ('code', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_facts):
        t_12 = []
        if l_1_facts is missing:
            l_1_facts = undefined("parameter 'facts' was not provided", name='facts')
        pass
        t_12.append(
            '<ul class="facts">\n',
        )
        for l_2_fact in l_1_facts:
            l_2_calls = missing
            _loop_vars = {}
            pass
            l_2_calls = t_1(context.eval_ctx, t_5(context, t_6(context, environment.getattr(l_2_fact, 'footnotes'), 'repeat_of'), attribute='number'), ' ')
            _loop_vars['calls'] = l_2_calls
            t_12.append(
                '<li',
            )
            if (undefined(name='calls') if l_2_calls is missing else l_2_calls):
                pass
                t_12.extend((
                    ' data-fn="',
                    escape((undefined(name='calls') if l_2_calls is missing else l_2_calls)),
                    '"',
                ))
            t_12.extend((
                '><span class="truth truth-',
                escape(environment.getattr(l_2_fact, 'result')),
                '">',
                escape(environment.getattr(l_2_fact, 'result')),
                '</span> ',
            ))
            if environment.getattr(l_2_fact, 'party'):
                pass
                t_12.extend((
                    '<strong>',
                    escape(environment.getattr(l_2_fact, 'party')),
                    '</strong>: ',
                ))
            t_12.append(
                escape(environment.getattr(l_2_fact, 'label')),
            )
            if environment.getattr(l_2_fact, 'value'):
                pass
                t_12.extend((
                    ' &#8212; <em>',
                    escape(environment.getattr(l_2_fact, 'value')),
                    '</em>',
                ))
            t_12.append(
                escape(context.call((undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes), environment.getattr(l_2_fact, 'footnotes'), _loop_vars=_loop_vars)),
            )
            if environment.getattr(l_2_fact, 'assumption'):
                pass
                t_12.extend((
                    '<br><span class="assumption">Assumption: ',
                    escape(environment.getattr(l_2_fact, 'assumption')),
                    '</span>',
                ))
            t_12.append(
                '</li>\n',
            )
        l_2_fact = l_2_calls = missing
        t_12.append(
            '</ul>',
        )
        return concat(t_12)
    context.exported_vars.add('fact_list')
    context.vars['fact_list'] = l_0_fact_list = Macro(environment, macro, 'fact_list', ('facts',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_sec):
        t_13 = []
        l_1_several = l_1_quiet = missing
        if l_1_sec is missing:
            l_1_sec = undefined("parameter 'sec' was not provided", name='sec')
        pass
        l_1_several = (t_3(environment.getattr(l_1_sec, 'findings')) > 1)
        l_1_quiet = t_4(context.eval_ctx, t_6(context, environment.getattr(l_1_sec, 'questions'), 'effects'))
        t_13.extend((
            '<div class="open-questions">\n<p class="subhead">Questions that would settle ',
            escape(('these findings' if (undefined(name='several') if l_1_several is missing else l_1_several) else 'it')),
            '</p>\n<ol class="questions">\n',
        ))
        def t_14(fiter):
            for l_2_q in fiter:
                if environment.getattr(l_2_q, 'effects'):
                    yield l_2_q
        l_2_loop = missing
        for l_2_q, l_2_loop in LoopContext(t_14(environment.getattr(l_1_sec, 'questions')), undefined):
            _loop_vars = {}
            pass
            t_13.extend((
                '<li>',
                escape(environment.getattr(l_2_q, 'number')),
                '. ',
            ))
            if environment.getattr(l_2_q, 'party'):
                pass
                t_13.extend((
                    '<strong>',
                    escape(environment.getattr(l_2_q, 'party')),
                    '</strong>: ',
                ))
            t_13.append(
                escape(environment.getattr(l_2_q, 'ask')),
            )
            if ((undefined(name='several') if l_1_several is missing else l_1_several) and (t_3(environment.getattr(l_2_q, 'labels')) == 1)):
                pass
                t_13.extend((
                    ' (',
                    escape(environment.getitem(environment.getattr(l_2_q, 'labels'), 0)),
                    ')',
                ))
            t_13.append(
                '<span class="leads">',
            )
            l_3_loop = missing
            for l_3_e, l_3_loop in LoopContext(environment.getattr(l_2_q, 'effects'), undefined):
                _loop_vars = {}
                pass
                t_13.extend((
                    '<span class="answer">',
                    escape(t_2(environment.getattr(l_3_e, 'answers'), 'or')),
                    '</span> &#8594; ',
                ))
                l_4_loop = missing
                for (l_4_labels, l_4_outcome), l_4_loop in LoopContext(environment.getattr(l_3_e, 'outcomes'), undefined):
                    _loop_vars = {}
                    pass
                    if l_4_labels:
                        pass
                        t_13.extend((
                            escape(l_4_labels),
                            ': ',
                        ))
                    t_13.append(
                        escape(l_4_outcome),
                    )
                    if (not environment.getattr(l_4_loop, 'last')):
                        pass
                        t_13.append(
                            ', ',
                        )
                l_4_loop = l_4_labels = l_4_outcome = missing
                if (not environment.getattr(l_3_loop, 'last')):
                    pass
                    t_13.append(
                        '; ',
                    )
            l_3_loop = l_3_e = missing
            if environment.getattr(l_2_q, 'why_ref'):
                pass
                t_13.extend((
                    ' <span class="why-ref">(why it matters: ',
                    escape(environment.getattr(l_2_q, 'why_ref')),
                    ')</span>',
                ))
            t_13.append(
                '</span>',
            )
            if environment.getattr(l_2_q, 'why'):
                pass
                t_13.extend((
                    '<span class="why">Why it matters: ',
                    escape(environment.getattr(l_2_q, 'why')),
                    '</span>',
                ))
            t_13.append(
                '</li>\n',
            )
        l_2_loop = l_2_q = missing
        t_13.append(
            '</ol>\n',
        )
        if (undefined(name='quiet') if l_1_quiet is missing else l_1_quiet):
            pass
            t_13.append(
                '<p class="quiet">No single answer to the following settles a finding, but with other answers they can:\n',
            )
            for l_2_q in (undefined(name='quiet') if l_1_quiet is missing else l_1_quiet):
                _loop_vars = {}
                pass
                t_13.extend((
                    ' <strong>',
                    escape(environment.getattr(l_2_q, 'number')),
                    '.</strong> ',
                ))
                if environment.getattr(l_2_q, 'party'):
                    pass
                    t_13.extend((
                        '<strong>',
                        escape(environment.getattr(l_2_q, 'party')),
                        '</strong>: ',
                    ))
                t_13.append(
                    escape(environment.getattr(l_2_q, 'ask')),
                )
                if (undefined(name='several') if l_1_several is missing else l_1_several):
                    pass
                    t_13.extend((
                        ' (',
                        escape(t_1(context.eval_ctx, environment.getattr(l_2_q, 'labels'), ', ')),
                        ')',
                    ))
            l_2_q = missing
            t_13.append(
                '</p>\n',
            )
        t_13.append(
            '</div>',
        )
        return concat(t_13)
    context.exported_vars.add('section_questions')
    context.vars['section_questions'] = l_0_section_questions = Macro(environment, macro, 'section_questions', ('sec',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=48&3=54&4=58&6=67&7=70&8=79&9=85&10=92&11=101&12=108&13=115&17=128&18=133&20=137&21=152&25=176&26=181&31=195&32=200&35=211&36=221&39=236&40=245&43=254&45=262&46=266&47=271&52=323&53=329&54=330&56=333&58=336&59=346&62=427&64=432'
