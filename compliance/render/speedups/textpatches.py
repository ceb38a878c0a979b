"""Repairs to WeasyPrint's text layout that change its speed, not what it draws.

Like :mod:`compliance.render.speedups.patches`, each is installed only over the WeasyPrint
70 code it replaces, and the tests check that the PDF is the same without it.

- :func:`remember_struts`: WeasyPrint caches the height of an empty line per
  font, but builds the cache key from fourteen properties on every call.
- :func:`reuse_text_setup`: WeasyPrint makes a Pango context, a font
  description and more for every piece of text it lays out or draws; they
  depend only on the style, so they are made once per style.
"""

from __future__ import annotations

from typing import Any

from compliance.render.speedups.patches import ORIGINAL, swap_method


def remember_struts(enabled: bool = True) -> None:
    """Install (or remove) the per-style memo of WeasyPrint's ``strut``.

    ``strut(style)`` (the line height and baseline a style gives an empty line)
    is cached by WeasyPrint under a key it builds each call from fourteen
    properties and ``str()`` of their values; the key cost more than the cache
    saved (2% of the work per relationship).  The memo keeps the answer on the
    style object itself, which WeasyPrint never changes the font properties of
    once computed, and asks WeasyPrint the first time.  Every WeasyPrint module
    that imported ``strut`` gets the memo.
    """
    import sys

    from weasyprint.text import line_break

    original = ORIGINAL.setdefault("strut", line_break.strut)
    if original.__module__ != "weasyprint.text.line_break":
        return
    current, wanted = (_strut_memo, original) if not enabled else (original, _strut_memo)
    for name, module in list(sys.modules.items()):
        if name.startswith("weasyprint.") and getattr(module, "strut", None) is current:
            module.strut = wanted  # type: ignore[attr-defined]


def _strut_memo(style: Any) -> tuple[float, float]:
    """``strut(style)``, computed once per style object."""
    memo = style.__dict__
    if "_compliance_strut" not in memo:
        memo["_compliance_strut"] = ORIGINAL["strut"](style)
    return memo["_compliance_strut"]  # type: ignore[no-any-return]


def reuse_text_setup(enabled: bool = True) -> None:
    """Install (or remove) WeasyPrint 70's ``Layout.setup`` with its work done once
    per style (see :func:`_text_setup`)."""
    import weasyprint
    from weasyprint.text.line_break import Layout

    if weasyprint.__version__.split(".")[0] == "70" or not enabled:
        swap_method(Layout, "setup", "text_setup", _text_setup, enabled, before=_bind_pango)


_ffi: Any = None
_gobject: Any = None
_pango: Any = None


def _bind_pango() -> None:
    """WeasyPrint's cffi handles, as globals: the setup runs twice per text box."""
    global _ffi, _gobject, _pango
    from weasyprint.text.ffi import ffi, gobject, pango

    _ffi, _gobject, _pango = ffi, gobject, pango


def _text_setup(layout: Any, style: Any) -> None:
    """``Layout.setup``: a Pango layout for ``style``, from parts made once.

    WeasyPrint 70 builds a Pango context, a language, a font description, the
    decoration metrics and the OpenType feature string every time it lays out or
    draws a piece of text (twice per text box).  They depend only on the style, and
    a context only on the direction and language too, so they are kept on the style
    and on the render's font configuration (a context belongs to its font map).
    Pango copies the font description into each layout and nothing changes a
    context after it is made; the layout and its attribute list are new each time,
    as WeasyPrint's are.  -3.8% of the work per relationship of a large report.
    """
    pango = _pango
    layout.style = style
    layout.first_line_direction = 0
    parts = style.__dict__.get("_compliance_text") or _text_parts(style)
    context, layout.language, description, decoration, features = parts
    layout.layout = _ffi.gc(pango.pango_layout_new(context), _gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(layout.layout, False)
    pango.pango_layout_set_font_description(layout.layout, description)
    (layout.ascent, layout.underline_position, layout.strikethrough_position,
     *thickness) = decoration
    if thickness:
        layout.underline_thickness, layout.strikethrough_thickness = thickness
    if features:
        # WeasyPrint made a new attribute on every call only to drop it when the
        # string was cached (its setdefault argument); it is made on a miss here.
        cached = style.font_config.font_features
        attr = cached.get(features)
        if attr is None:
            attr = cached[features] = pango.pango_attr_font_features_new(features)
        attributes = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attributes, attr)
        pango.pango_layout_set_attributes(layout.layout, attributes)


def _text_parts(style: Any) -> tuple[Any, ...]:
    """What WeasyPrint 70's ``Layout.setup`` computes from ``style``, in its words."""
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    override = style["font_language_override"]
    lang = LST_TO_ISO.get(override.lower(), override) if override != "normal" else style["lang"]
    direction = PANGO_DIRECTION[style["direction"]]
    contexts = style.font_config.__dict__.setdefault("_compliance_contexts", {})
    if (direction, lang) not in contexts:
        font_map = style.font_config.font_map
        context = ffi.gc(pango.pango_font_map_create_context(font_map), gobject.g_object_unref)
        pango.pango_context_set_round_glyph_positions(context, False)
        pango.pango_context_set_base_dir(context, direction)
        language = pango.pango_language_get_default()
        if lang:
            language = pango.pango_language_from_string(unicode_to_char_p(lang)[0])
            pango.pango_context_set_language(context, language)
        contexts[direction, lang] = context, language
    context, language = contexts[direction, lang]
    description = get_font_description(style)
    decoration: tuple[float | None, ...] = (None, None, None)
    if style["text_decoration_line"] != "none":
        metrics = ffi.gc(pango.pango_context_get_metrics(context, description, language),
                         pango.pango_font_metrics_unref)
        decoration = tuple(FROM_UNITS * get(metrics) for get in (
            pango.pango_font_metrics_get_ascent,
            pango.pango_font_metrics_get_underline_position,
            pango.pango_font_metrics_get_strikethrough_position,
            pango.pango_font_metrics_get_underline_thickness,
            pango.pango_font_metrics_get_strikethrough_thickness))
    features = font_features(
        style["font_kerning"], style["font_variant_ligatures"], style["font_variant_position"],
        style["font_variant_caps"], style["font_variant_numeric"],
        style["font_variant_alternates"], style["font_variant_east_asian"],
        style["font_feature_settings"])
    encoded = ",".join(f"{key} {value}" for key, value in features.items()).encode()
    parts = (context, language, description, decoration, encoded if features else None)
    style.__dict__["_compliance_text"] = parts
    return parts
