"""The names of the profile figures a derived answer is divided by, in the reader's language.

The score's explanation names them ("÷ 200,000（常住人口）"), and the planner names the ones a
unit's profile lacks when an indicator cannot be derived without them (G32A-1): one table for both."""

from __future__ import annotations

import re


def basis_names(fw, lang: str) -> dict[str, str]:
    """Each profile figure a framework may divide by -> its name in ``lang``: the built-in ones from
    the message catalog (常住人口, resident population), a framework's own ``profile_figures`` by
    their own label. Brackets in a label become a list ("街道（乡镇）" -> "街道、乡镇"), since the
    name itself stands in brackets in the explanation."""
    from indicators.messages import catalog
    from indicators.models import PROFILE_FIGURES

    names = {f: catalog(lang)[f"explain.basis.{f}"] for f in PROFILE_FIGURES}
    for own in fw.profile_figures:
        label = _unbracketed(own.name.get(lang), lang)
        # mid-sentence in English, like the built-in names: "(residents aged 25-64)"; "(NEET youth)" stays
        names[own.id] = label[:1].lower() + label[1:] if lang == "en" and label[1:2].islower() else label
    return names


def _unbracketed(label: str, lang: str) -> str:
    """A label without brackets of its own: "A（B）" reads "A、B" in Chinese, "A (B)" "A, B" in English."""
    sep = "、" if lang == "zh" else ", "
    text = re.sub(r"\s*[（(]\s*", sep, label)
    return re.sub(r"\s*[)）]", "", text).strip()
