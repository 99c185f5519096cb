"""Translations: every string translated, compiled files current, Chinese shown when chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from tools import i18n
from widgets import i18n as runtime
from widgets.main_window import MainWindow


def test_translations_are_complete_and_current():
    assert i18n.check() == []


def test_check_notices_an_untranslated_string(tmp_path, monkeypatch):
    for lang in i18n.LANGUAGES:
        (tmp_path / f"cockpit_{lang}.ts").write_bytes(i18n.ts_path(lang).read_bytes())
        (tmp_path / f"cockpit_{lang}.qm").write_bytes(i18n.ts_path(lang).with_suffix(".qm").read_bytes())
    source = tmp_path / "extra.py"
    source.write_text('from PySide6.QtCore import QCoreApplication\n'
                      'QCoreApplication.translate("Main", "A brand-new sentence")\n'
                      'x = f"{QCoreApplication.translate(\'Main\', \'Invisible to lupdate\')}"\n')
    monkeypatch.setattr(i18n, "I18N", tmp_path)
    monkeypatch.setattr(i18n, "SOURCE_FILES", (*i18n.SOURCE_FILES, str(source)))
    problems = i18n.check()
    assert any("A brand-new sentence" in p for p in problems)
    assert any("extra.py:3: translated string inside an f-string" in p for p in problems)


@pytest.mark.parametrize(("system", "expected"), [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", "en"),
                                                  ("de_DE", "en")])
def test_language_follows_the_system_locale(monkeypatch, system, expected):
    monkeypatch.setattr(runtime.QLocale, "system", staticmethod(lambda: QLocale(system)))
    assert runtime.resolve_language(None) == expected
    assert runtime.resolve_language("auto") == expected
    assert runtime.resolve_language("en") == "en"  # --lang overrides


def test_main_window_in_chinese(qtbot, demo):
    app = QApplication.instance()
    translators = runtime.install_translators(app, "zh_CN")
    try:
        window = MainWindow(demo.services(demo.actor("operator")))
        qtbot.addWidget(window)
        titles = {k: d.windowTitle() for k, d in window.docks.items()}
        assert titles["sitePlan"] == "小区平面图"
        assert titles["alarms"] == "告警队列"
        assert window.lookup.query.placeholderText().startswith("姓名")
        assert window.overview.cards["elderly"].caption.text() == "65 岁及以上"
        assert "值班员" in window.status.user.text()  # the role, translated
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(QLocale("en"))
