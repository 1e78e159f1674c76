"""Demonstration data of the COPIL: four past sessions whose decisions are published (one of
them rectified), and one session open to vote where the demo COPIL account
(``copil@demo.tilab.bzh``, Annaïg Le Bihan) sits and chairs, three other members having voted
already: she can vote, close the session, decide and publish.

Called by ``gouvernance.demo.charger`` once the texts are loaded (a session applies the grid in
force). The demo problems of the COPIL states were put in those states directly by the
problems' and experiments' demos: their past sessions are written here as rows (members,
votes, results computed by :mod:`gouvernance.scores`, published decisions, the decision step
on each problem's trajectory), dated back. The open session goes through the services, as the
team and the members would: ``session_preparer``, ``candidature_ajouter``, ``session_ouvrir``
and ``vote_enregistrer``. Keyed on the sessions' slugs: loading twice changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from communautes.models import Communaute, communaute_de
from communautes.services.maturite import maturite_deroger, maturites_de_communautes
from experimentations.charge import charge_de_l_equipe
from experimentations.models import Experimentation
from gouvernance import scores
from gouvernance.models import (
    Avis,
    Candidature,
    Critere,
    Decision,
    Membre,
    Note,
    Rectification,
    SessionCopil,
    StatutSession,
    TypeDecision,
    VersionGrille,
    Vote,
)
from gouvernance.services.copil import (
    candidats_possibles,
    candidature_ajouter,
    maturite_en_json,
    session_ouvrir,
    session_preparer,
    vote_enregistrer,
)
from problematiques.models import Problematique, Statut, Transition, TypeTransition
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Organisation, Personne

# The three members who join the demo COPIL account: e-mail → (first name, last name,
# organisation slug, function).
MEMBRES = {
    "copil.region@demo.tilab.bzh": (
        "Soizic", "Morvan", "region-bretagne", "Vice-présidente déléguée à l'action publique",
    ),
    "copil.prefecture@demo.tilab.bzh": (
        "Gwenaël", "Tanguy", "prefecture-region-bretagne", "Chargé de mission modernisation",
    ),
    "copil.metropole@demo.tilab.bzh": (
        "Yannick", "Le Goff", "rennes-metropole", "Directeur de l'innovation publique",
    ),
}  # fmt: skip
PRESIDENCE = "copil@demo.tilab.bzh"

# Dated between the demo problems' last steps and their experiments' start.
PASSEES = [
    ("copil-fevrier", "COPIL de février", 296),
    ("copil-avril", "COPIL d'avril", 225),
    ("copil-juin", "COPIL de juin", 165),
    ("copil-novembre", "COPIL de novembre", 20),
]
OUVERTE = ("copil-de-decembre", "COPIL de décembre", 10)
COMMUNAUTE_DEROGEE = "renovation-energetique-petites-communes"

DECISIONS = {
    Statut.RETENUE: TypeDecision.RETENUE,
    Statut.AJOURNEE: TypeDecision.AJOURNEE,
    Statut.NON_RETENUE: TypeDecision.NON_RETENUE,
}
MOTIFS = {
    TypeDecision.RETENUE: (
        "Le besoin est partagé par plusieurs territoires, la communauté d'intérêt réunit "
        "agents de terrain et décideurs, et l'équipe peut accompagner une expérimentation "
        "cette année. Le COPIL retient la candidature."
    ),
    TypeDecision.AJOURNEE: (
        "Le constat est solide, mais aucun territoire ne s'est encore engagé à porter "
        "l'expérimentation. Le COPIL invite la communauté à associer une collectivité "
        "volontaire et à revenir à une prochaine session."
    ),
    TypeDecision.NON_RETENUE: (
        "Un dispositif existant répond déjà à ce besoin : le COPIL oriente la communauté vers "
        "lui plutôt que d'ouvrir une expérimentation du Ti Lab."
    ),
}
AVIS_DES_MEMBRES = {
    TypeDecision.RETENUE: [Avis.RETENIR, Avis.RETENIR, Avis.RETENIR, Avis.AJOURNER],
    TypeDecision.AJOURNEE: [Avis.AJOURNER, Avis.AJOURNER, Avis.RETENIR, Avis.AJOURNER],
    TypeDecision.NON_RETENUE: [Avis.NE_PAS_RETENIR, Avis.AJOURNER, Avis.NE_PAS_RETENIR,
                               Avis.NE_PAS_RETENIR],
}  # fmt: skip
# A member's scores by decision, level by criterion in the grid's order (0 to 3).
NOTES = {
    TypeDecision.RETENUE: [3, 2, 3, 2, 2, 3],
    TypeDecision.AJOURNEE: [2, 2, 1, 1, 2, 2],
    TypeDecision.NON_RETENUE: [1, 1, 1, 2, 1, 1],
}


def _a(jour: date, heure: int) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(heure)))


def charger() -> None:
    grille = VersionGrille.objects.en_vigueur()
    if grille is None:
        return
    membres = _membres()
    equipe = Personne.objects.filter(email="coordination@demo.tilab.bzh").first()
    aujourd_hui = timezone.localdate()
    if not SessionCopil.objects.filter(slug=PASSEES[0][0]).exists():
        _passees(grille, membres, equipe, aujourd_hui)
    if not SessionCopil.objects.filter(slug=OUVERTE[0]).exists() and equipe is not None:
        _ouverte(membres, equipe, aujourd_hui)


def _membres() -> list[Personne]:
    groupe = Group.objects.get(name=regles_comptes.COPIL)
    membres = list(Personne.objects.filter(email=PRESIDENCE))
    for email, (prenom, nom, organisation, fonction) in MEMBRES.items():
        personne, cree = Personne.objects.get_or_create(
            email=email,
            defaults={
                "first_name": prenom,
                "last_name": nom,
                "organisation": Organisation.objects.filter(slug=organisation).first(),
                "fonction": fonction,
                "profil_public": email != "copil.prefecture@demo.tilab.bzh",
            },
        )
        if cree:
            personne.set_unusable_password()
            personne.save(update_fields=["password"])
            personne.groups.add(groupe)
        membres.append(personne)
    return membres


def _passees(
    grille: VersionGrille, membres: list[Personne], equipe: Personne | None, aujourd_hui: date
) -> None:
    """The past sessions, as rows: each decided demo problem goes to the latest session held
    before its experiment began (or before today)."""
    criteres = list(grille.criteres.prefetch_related("niveaux"))
    grille_notes = [
        scores.CritereNote(c.pk, c.libelle, c.poids, [n.valeur for n in c.niveaux.all()])
        for c in criteres
    ]
    debuts = dict(Experimentation.objects.values_list("problematique_id", "cree_le"))
    decides = list(
        Problematique.objects.filter(statut__in=DECISIONS, publiee_le__isnull=False).order_by(
            "publiee_le", "pk"
        )
    )
    sessions = []
    for slug, titre, il_y_a in PASSEES:
        le = aujourd_hui - timedelta(days=il_y_a)
        session = SessionCopil.objects.create(
            titre=titre,
            slug=slug,
            le=le,
            grille=grille,
            statut=StatutSession.PUBLIEE,
            ordre_du_jour="Examen des candidatures prêtes pour le COPIL.",
            quorum=3,
            charge=charge_de_l_equipe().instantane(),
            ouverte_le=_a(le - timedelta(days=7), 9),
            close_le=_a(le, 18),
            publiee_le=_a(le + timedelta(days=1), 10),
            nb_votants=len(membres),
            preparee_par=equipe,
        )
        Membre.objects.bulk_create(
            Membre(session=session, personne=m, preside=m.email == PRESIDENCE) for m in membres
        )
        sessions.append(session)
    derniers = {
        t.problematique_id: t
        for t in Transition.objects.filter(problematique__in=decides).order_by("cree_le", "pk")
    }
    for ordre, p in enumerate(decides, start=1):
        # The first session prepared after the problem's last step, and before its experiment
        # began when it has one: the trajectory stays in order.
        depuis = derniers[p.pk].cree_le if p.pk in derniers else p.publiee_le
        limite = debuts.get(p.pk)
        possibles = [
            s
            for s in sessions
            if s.ouverte_le and depuis and s.ouverte_le - timedelta(days=1) > depuis
        ]
        if limite is not None:
            possibles = [
                s for s in possibles if s.publiee_le and s.publiee_le < limite
            ] or possibles
        if not possibles:
            continue
        _decider(
            possibles[0],
            p,
            ordre,
            DECISIONS[Statut(p.statut)],
            membres,
            grille_notes,
            derniers.get(p.pk),
        )
    # One correction, dated after the publication, beside its decision.
    decision = Decision.objects.filter(candidature__session=sessions[1]).order_by("pk").first()
    if decision is not None:
        Rectification.objects.create(
            decision=decision,
            le=sessions[1].le + timedelta(days=6),
            texte="Le relevé de décision citait la communauté de communes de Pontivy ; il "
            "s'agit de Pontivy Communauté. Le reste de la décision est inchangé.",
            par=membres[0] if membres else None,
        )


def _decider(
    session: SessionCopil,
    p: Problematique,
    ordre: int,
    decision: TypeDecision,
    membres: list[Personne],
    grille: list[scores.CritereNote],
    dernier: Transition | None,
) -> None:
    communaute = communaute_de(p)
    maturite = maturites_de_communautes([communaute.pk]).get(communaute.pk) if communaute else None
    candidature = Candidature.objects.create(
        session=session,
        problematique=p,
        ordre=ordre,
        presentation=f"{p.constat.split('.')[0].strip()}.",
        maturite=maturite_en_json(maturite) if maturite is not None else None,
    )
    bulletins = []
    for membre, avis in zip(membres, AVIS_DES_MEMBRES[decision], strict=False):
        vote = Vote.objects.create(candidature=candidature, membre=membre, avis=avis)
        notes = {c.id: v for c, v in zip(grille, NOTES[decision], strict=False)}
        Note.objects.bulk_create(Note(vote=vote, critere_id=c, valeur=v) for c, v in notes.items())
        bulletins.append(scores.Bulletin(avis=avis, notes=notes))
    r = scores.resultats(grille, bulletins)
    Candidature.objects.filter(pk=candidature.pk).update(
        resultats=r.en_json(),
        score=r.total,
        nb_retenir=r.nb_retenir,
        nb_ajourner=r.nb_ajourner,
        nb_ne_pas_retenir=r.nb_ne_pas_retenir,
        nb_abstentions=r.nb_abstentions,
    )
    Decision.objects.create(
        candidature=candidature,
        decision=decision,
        motifs=MOTIFS[decision],
        enregistree_par=membres[0] if membres else None,
        publiee_le=session.publiee_le,
    )
    # The two COPIL steps of its trajectory: on the agenda, then the decision.
    assert session.ouverte_le is not None and session.publiee_le is not None  # noqa: S101
    for type_, avant, apres, quand, commentaire in (
        (
            TypeTransition.PRESENTER_AU_COPIL,
            dernier.statut_apres if dernier else Statut.OUVERTE,
            Statut.CANDIDATE,
            session.ouverte_le - timedelta(days=1),
            f"Inscrite à l'ordre du jour du {session.titre}.",
        ),
        (
            TypeTransition.DECISION_COPIL,
            Statut.CANDIDATE,
            p.statut,
            session.publiee_le,
            MOTIFS[decision],
        ),
    ):
        transition = Transition.objects.create(
            problematique=p,
            type=type_,
            statut_avant=avant,
            statut_apres=apres,
            auteur=session.preparee_par
            if type_ == TypeTransition.PRESENTER_AU_COPIL
            else (membres[0] if membres else None),
            commentaire_public=commentaire,
            publique=True,
        )
        Transition.objects.filter(pk=transition.pk).update(cree_le=quand)


def _ouverte(membres: list[Personne], equipe: Personne, aujourd_hui: date) -> None:
    """The session open to vote, through the services: the Direction declares a community ready
    by derogation, the team puts the ready problems on the agenda (with the one the problems'
    demo left « candidate »), opens the vote; three members have voted."""
    slug, titre, dans = OUVERTE
    direction = Personne.objects.filter(email="direction@demo.tilab.bzh").first()
    renovation = Communaute.objects.filter(slug=COMMUNAUTE_DEROGEE).first()
    if direction is not None and renovation is not None and renovation.derogation_le is None:
        maturite_deroger(
            communaute=renovation,
            par=direction,
            motif="Les communes rurales d'Ille-et-Vilaine attendent une réponse avant l'hiver ; "
            "le Département s'est engagé à désigner un référent dès la décision du COPIL.",
        )
    session = session_preparer(
        par=equipe,
        titre=titre,
        le=aujourd_hui + timedelta(days=dans),
        ordre_du_jour="Les candidatures prêtes cet automne, dont une par dérogation de la "
        "Direction. La charge de l'équipe sera examinée avant toute décision.",
    )
    SessionCopil.objects.filter(pk=session.pk).update(slug=slug)
    session.refresh_from_db()
    for p in candidats_possibles()[:4]:
        candidature_ajouter(
            par=equipe,
            session=session,
            problematique=p,
            presentation=f"{p.constat.split('.')[0].strip()}. La communauté d'intérêt est "
            "constituée ; voir sa maturité ci-dessous.",
        )
    # The problems' demo put this one in « candidate » directly: it joins the agenda as is.
    for ordre, p in enumerate(
        Problematique.objects.filter(statut=Statut.CANDIDATE, candidatures_copil__isnull=True),
        start=10,
    ):
        Candidature.objects.create(
            session=session,
            problematique=p,
            ordre=ordre,
            presentation=f"{p.constat.split('.')[0].strip()}.",
        )
    if not session.candidatures.exists():
        return
    presidence = next((m for m in membres if m.email == PRESIDENCE), membres[0])
    session_ouvrir(par=equipe, session=session, president=presidence, membres=membres)
    criteres = list(session.grille.criteres.prefetch_related("niveaux"))
    for n, membre in enumerate(m for m in membres if m.email != PRESIDENCE):
        for i, candidature in enumerate(session.candidatures.all()):
            vote_enregistrer(
                par=membre,
                candidature=candidature,
                avis=[Avis.RETENIR, Avis.AJOURNER, Avis.RETENIR][(n + i) % 3],
                notes={c.pk: _niveau(c, n + i + k) for k, c in enumerate(criteres)},
                commentaire="Candidature solide ; la charge de l'équipe reste à surveiller."
                if i == 0
                else "",
            )


def _niveau(critere: Critere, rang: int) -> int:
    """One of the criterion's levels, the lowest left aside: a varied, plausible score."""
    niveaux = sorted(niveau.valeur for niveau in critere.niveaux.all())
    return niveaux[1 + rang % (len(niveaux) - 1)] if len(niveaux) > 1 else niveaux[0]
