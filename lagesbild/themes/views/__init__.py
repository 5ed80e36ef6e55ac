"""Views of the analysis workspace, split per area."""
