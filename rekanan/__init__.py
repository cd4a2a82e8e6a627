"""rekanan: supplier and contract management for a Dinkominfo."""

__version__ = "0.1.0"
