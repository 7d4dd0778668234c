"""The icons, .desktop file and AppStream metainfo, installed as the package `tahoegui_resources`
(see pyproject.toml; tahoegui/resources.py finds them). No code lives here."""
