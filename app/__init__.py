"""Linggong's Qt-free core: rules, validation and services for the odd-job market counter."""

__version__ = "0.1.0"
APP_NAME = "linggong"
ORG_NAME = "Linggong"
