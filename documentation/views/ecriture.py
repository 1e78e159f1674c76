"""Writing and reviewing documentation pages: the editor with its preview, submission, the
review's comments, publication, archiving, restoring a revision, attachments."""
