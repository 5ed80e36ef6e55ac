"""Pages of the staff's own work: the journal, its tasks and meetings."""
