"""The online look-up of a settlement the gazetteer lacks, within the admin unit its context names.

Pure of I/O itself: it asks the geocoder it is given (``OnlineFallbackGeocoder``: cache, rate
limit, back-off) and checks the answer against the admin-1 polygons, so a wrong namesake or a
garbage answer never replaces the offline place.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from pipeline.geoparse.gazetteer import Gazetteer

logger = logging.getLogger(__name__)


def locate_in_unit(geocoder: Any, gaz: Gazetteer, name: str, admin1_code: str | None, admin1_name: str | None,
                   country_code: str | None) -> tuple[float, float, str] | None:
    """(lat, lon, address) of ``name`` as the online geocoder finds it inside ``admin1_code``, or None when
    it finds nothing there, answers garbage or fails (the caller keeps its offline place)."""
    country = gaz.country_row(country_code) if country_code else None
    parts = [name, admin1_name, str(gaz._name[country]) if country is not None else None]
    query = ", ".join(p for p in parts if p)
    try:
        location = geocoder.geocode(query, country_codes=country_code.lower() if country_code else None)
    except Exception as error:  # a third-party geocoder over the network: any failure keeps the offline place
        logger.warning("online look-up of %r failed (%s: %s)", query, type(error).__name__, error)
        return None
    if location is None:
        return None
    try:
        lat, lon = float(location.latitude), float(location.longitude)
    except (AttributeError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    if admin1_code and not _inside(lat, lon, admin1_code):
        return None
    return lat, lon, str(getattr(location, "address", "") or query)


def _inside(lat: float, lon: float, admin1_code: str) -> bool:
    """Whether the point lies in (or within a few km of) the admin-1 unit ``admin1_code``."""
    from pipeline.geoparse.admin_join import join_admin1

    joined = join_admin1([lat], [lon])
    return joined.iloc[0]["admin1_code"] == admin1_code
