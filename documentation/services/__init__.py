"""Writes on the documentation: pages and their revisions, the review, attachments and
reuses. Each in one transaction, the page row locked, with its journal entry."""
