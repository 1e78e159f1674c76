"""The site's forms of gouvernance, one module per concern."""
