"""Writers: ``(ArgumentMap, RenderOptions) -> str | bytes``, registered in ``argmap.formats``."""
