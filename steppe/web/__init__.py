"""The dashboard's static files (``static/``), served by ``steppe serve`` at ``/``."""
