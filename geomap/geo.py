"""Coordinate arithmetic. Everything in geomap is (lat, lon) in WGS84 degrees; only the
exporters turn points into GeoJSON's (lon, lat) order, through ``lon_lat``."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def pairwise_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Great-circle distances between every pair of points (degrees in), in kilometres:
    ``haversine_km`` over arrays, as a square matrix."""
    phi, lam = np.radians(lat), np.radians(lon)
    a = (
        np.sin((phi[:, None] - phi[None, :]) / 2) ** 2
        + np.cos(phi[:, None])
        * np.cos(phi[None, :])
        * np.sin((lam[:, None] - lam[None, :]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def lon_lat(lat: float, lon: float, digits: int = 6) -> list[float]:
    """A GeoJSON position ([lon, lat]) rounded to ``digits`` decimals (RFC 7946 advises 6)."""
    return [round(lon, digits), round(lat, digits)]
