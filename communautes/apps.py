from django.apps import AppConfig


class CommunautesConfig(AppConfig):
    name = "communautes"
    verbose_name = "Communautés et événements"

    def ready(self) -> None:
        from communautes import donnees, feeds
        from communautes.models import Communaute, Evenement
        from communautes.services import engagements, evenements
        from communautes.views import constitution, maturite
        from communautes.views import evenements as vues_evenements
        from problematiques import trajectoire
        from problematiques.models import TypeTransition
        from tilab.accueil import enregistrer_section_accueil
        from tilab.comptes.services import enregistrer_section_export
        from tilab.recherche import enregistrer_source

        donnees.enregistrer()
        feeds.enregistrer()
        enregistrer_source(
            "communautes",
            libelle="Communautés",
            ordre=20,
            lignes=Communaute.objects.publiques,
            titre="nom",
            extrait="objet",
            adresse=("communautes:detail", "slug"),
        )
        enregistrer_source(
            "evenements",
            libelle="Événements",
            ordre=30,
            lignes=Evenement.objects.publies,
            titre="titre",
            extrait="description",
            adresse=("evenements:detail", "slug"),
        )
        enregistrer_section_export("evenements", evenements.section_export)
        enregistrer_section_export("engagements", engagements.section_export)
        enregistrer_section_accueil(
            "evenements",
            gabarit="communautes/includes/_evenement_accueil.html",
            elements=vues_evenements.prochains,
            ordre=20,
        )
        # What a problem's pages show of its community and maturity.
        trajectoire.enregistrer_relations("communaute")
        trajectoire.enregistrer_etape_de_transition(
            TypeTransition.CONSTITUER_COMMUNAUTE, constitution.etape_constitution
        )
        trajectoire.enregistrer_panneau(
            "maturite",
            gabarit="communautes/includes/_maturite_criteres.html",
            place="principal",
            ordre=10,
            contexte=maturite.contexte_problematique,
        )
        trajectoire.enregistrer_panneau(
            "communaute",
            gabarit="communautes/includes/_communaute_encart.html",
            place="cote",
            ordre=10,
            contexte=constitution.contexte_problematique,
        )
        trajectoire.enregistrer_panneau(
            "communaute_admin",
            gabarit="admin/communautes/includes/_communaute_interet.html",
            place="admin",
            ordre=10,
            contexte=constitution.contexte_admin,
        )
