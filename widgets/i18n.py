"""Pick the UI language (system locale unless overridden) and install Qt translators."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

logger = logging.getLogger(__name__)

SUPPORTED = ("en", "zh_CN")


def resolve_language(requested: str | None) -> str:
    """'auto' or None follows the system locale; anything Chinese becomes zh_CN."""
    if requested and requested != "auto":
        return requested
    name = QLocale.system().name()  # e.g. "zh_CN", "en_US", "C"
    return "zh_CN" if name.startswith("zh") else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load ours and Qt's own (standard buttons); keep the returned list alive."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in ((f"cockpit_{language}", str(resources.path("i18n"))),
                            (f"qtbase_{language}", qt_dir)):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        elif name.startswith("cockpit") or language != "en":
            logger.warning("translation %s not found in %s", name, directory)
    QLocale.setDefault(QLocale(language))
    return installed
