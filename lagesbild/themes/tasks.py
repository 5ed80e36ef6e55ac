"""Background work: theme discovery. Idempotent: a finished run is not run again."""

from django_tasks import task

from lagesbild.themes.services import theme_run_execute_now


@task()
def theme_run_execute(run_id: int) -> str:
    """Discover themes for a recorded run and store them as suggestions."""
    return str(theme_run_execute_now(run_id=run_id).status)
