"""The Tifa engine: reading, normalising, comparing and exporting. Imports no Qt (checked by
import-linter, see pyproject.toml), so it runs and is tested headless."""
