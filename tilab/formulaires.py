"""How every form field of the site is written: :class:`Rendu`, the form renderer
(``FORM_RENDERER``), gives each form :class:`Champ` as its bound field, which writes a field's
group (label, help, optional mark, error, widget) in Python.

``templates/django/forms/field.html`` says what the group is, and stays the reference: the
tests render both for every kind of field (text, textarea, select, radio buttons, checkboxes,
with and without errors, help, optional, disabled, hidden) and compare them. A field that
names a template of its own is still rendered through it. Written in Python, a group costs
about a tenth of the template's time, and a page with fifteen fields (a COPIL member's vote)
spent a fifth of its time in them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

from django.forms import BaseForm, ModelChoiceField
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tilab.typographie import typographier, typographier_html

GABARIT_DU_CHAMP = "django/forms/field.html"

FACULTATIF = ' <span class="field__optional">(facultatif)</span>'


def _aide(champ: BoundField) -> str:
    if not champ.help_text:
        return ""
    identifiant = format_html(' id="{}_helptext"', champ.auto_id) if champ.auto_id else ""
    # The help text is the developers' own, and may hold markup, as in the template (|safe);
    # labels and help are the portal's words, in French typography (tilab/typographie.py).
    aide = typographier_html(str(champ.help_text))
    return f'<div class="field__help"{identifiant}>{aide}</div>'


def _facultatif(champ: BoundField) -> str:
    return FACULTATIF if not champ.field.required and not champ.field.disabled else ""


def _etiquette(champ: BoundField, *, mention: bool) -> str:
    if not champ.label:
        return ""
    pour = format_html(' for="{}"', champ.id_for_label) if champ.id_for_label else ""
    suite = _facultatif(champ) if mention else ""
    etiquette = conditional_escape(typographier(str(champ.label)))
    return f'<label class="field__label"{pour}>{etiquette}{suite}</label>'


def groupe(champ: BoundField) -> SafeString:
    """What ``django/forms/field.html`` writes for ``champ``."""
    if champ.is_hidden:
        return SafeString(str(champ))
    erreurs = champ.errors
    erreurs_html = str(erreurs) if erreurs else ""
    sorte = champ.widget_type
    classes = "field"
    if erreurs:
        classes += " field--error"
    if sorte == "checkbox":
        classes += " field--checkbox"
    supplementaires = champ.css_classes()
    if supplementaires:
        classes += f" {conditional_escape(supplementaires)}"
    morceaux = [f'<div class="{classes}">']
    if champ.use_fieldset:
        decrit = champ.aria_describedby
        decrit_html = format_html(' aria-describedby="{}"', decrit) if decrit else ""
        legende = (
            f'<legend class="field__label">{conditional_escape(typographier(str(champ.label)))}'
            f"{_facultatif(champ)}</legend>"
            if champ.label
            else ""
        )
        morceaux += [
            f'<fieldset class="field__fieldset"{decrit_html}>',
            legende,
            _aide(champ),
            erreurs_html,
            str(champ),
            "</fieldset>",
        ]
    elif sorte == "checkbox":
        morceaux += [
            erreurs_html,
            '<div class="field__choice">',
            str(champ),
            _etiquette(champ, mention=False),
            "</div>",
            _aide(champ),
        ]
    else:
        morceaux += [_etiquette(champ, mention=True), _aide(champ), erreurs_html, str(champ)]
    morceaux.append("</div>")
    return mark_safe("\n".join(m for m in morceaux if m))  # noqa: S308 (each text escaped)


class Champ(BoundField):
    """A bound field whose group is written by :func:`groupe` (``as_field_group``)."""

    def render(
        self, template_name: str | None = None, context: Any = None, renderer: Any = None
    ) -> SafeString:
        nom = template_name or self.template_name
        if nom == GABARIT_DU_CHAMP and context is None and renderer is None:
            return groupe(self)
        return super().render(template_name, context, renderer)  # type: ignore[no-any-return]


class Rendu(TemplatesSetting):
    """Django's templates (``templates/django/forms/`` first), with :class:`Champ`."""

    bound_field_class = Champ


# --- Choices shared, and fields kept rendered ----------------------------------------------------


class ChoixFiges(BaseChoiceIterator):
    """Choices read once for a request (the territories of a menu, the experiments a facet
    offers) that the fields built from them share rather than copy.

    Django deep-copies a field's choices into every form it builds, and a list's FilterSet
    builds its form at each request: a walk of every tuple of the menu, a tenth of the filters'
    time. Nothing changes these choices in place, so a copy of them is themselves. ``cle``
    says them in one string (:func:`champs_retenus`)."""

    def __init__(self, choix: Iterable[Any]) -> None:
        self._choix = normalize_choices(list(choix))
        self.cle = repr(self._choix)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._choix)

    def __len__(self) -> int:
        return len(self._choix)

    def __copy__(self) -> ChoixFiges:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ChoixFiges:
        return self


# How many renderings of a form's fields each process keeps: a list's form under the criteria
# people choose, a few kilobytes each.
CHAMPS_RETENUS = 256
_champs_retenus: OrderedDict[str, SafeString] = OrderedDict()
_verrou = threading.Lock()


def _cle_des_choix(champ: BoundField) -> str | None:
    """What the field's choices are, in one string; ``None`` when there are none. A model's
    rows are read here, once, for the key and for the widget."""
    choix = getattr(champ.field, "choices", None)
    if choix is None:
        return None
    debut = repr(
        [str(getattr(champ.field, "empty_label", "")), str(getattr(champ.field, "null_label", ""))]
    )
    if isinstance(champ.field, ModelChoiceField):
        # The rows read once, in one plain query (the field's own iterator opens a cursor on
        # the server: three round trips), as its iterator gives them: the empty choice, the
        # null one (django-filters), then each row; and given to the widget, which would
        # otherwise read them again to write the field.
        champ_ = champ.field
        lues: list[Any] = []
        if champ_.empty_label is not None:
            lues.append(("", champ_.empty_label))
        if getattr(champ_, "null_label", None) is not None:
            lues.append((champ_.null_value, champ_.null_label))  # type: ignore[attr-defined]
        if champ_.queryset is not None:
            lues += [choix.choice(objet) for objet in champ_.queryset.all()]
        champ_.widget.choices = lues
        return debut + repr([(str(valeur), str(libelle)) for valeur, libelle in lues])
    # django-filters wraps the choices it is given with its empty and null labels.
    donnees = getattr(choix, "choices", choix)
    if isinstance(donnees, ChoixFiges):
        return debut + donnees.cle
    return debut + repr(list(donnees))


def champs_retenus(formulaire: BaseForm, nom: str) -> SafeString:
    """Every field of ``formulaire`` written as its group (``as_field_group``), in order,
    kept per process under what they show: ``nom`` (the form's kind), and each field's label,
    help, widget, value, errors and choices.

    A list's form of filters is the same for most requests (no criterion, or the same few):
    its six menus, one of them of the territories, cost a quarter of a list's processor time
    to write again each time. Any change of what a field shows (a theme renamed, a territory
    added, a value chosen, an error) is another key: there is nothing to forget."""
    cle = repr(
        [
            nom,
            formulaire.prefix,
            formulaire.auto_id,
            [
                (
                    champ.name,
                    str(champ.label),
                    str(champ.help_text),
                    champ.field.required,
                    champ.field.disabled,
                    type(champ.field.widget).__qualname__,
                    champ.field.widget.attrs,
                    champ.value(),
                    [str(erreur) for erreur in champ.errors],
                    _cle_des_choix(champ),
                )
                for champ in formulaire
            ],
        ]
    )
    with _verrou:
        html = _champs_retenus.get(cle)
        if html is not None:
            _champs_retenus.move_to_end(cle)
            return html
    html = mark_safe("".join(str(champ.as_field_group()) for champ in formulaire))  # noqa: S308
    with _verrou:
        _champs_retenus[cle] = html
        while len(_champs_retenus) > CHAMPS_RETENUS:
            _champs_retenus.popitem(last=False)
    return html
