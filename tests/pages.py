"""The pages of the site frame, shared by the server-side, security and browser tests."""

FRAME_PAGES = [
    "/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/problematiques/",
    "/communautes/",
    "/communautes/?type=archipel&territoire=finistere",
    "/evenements/",
    "/experimentations/",
    "/gouvernance/",
    "/documentation/",
    "/comptes/login/",
    "/comptes/signup/",
    "/comptes/password/reset/",
    "/comptes/login/code/",
]
PAGE_INCONNUE = "/une-page-qui-n-existe-pas/"
