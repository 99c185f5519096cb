"""Standard operating procedures: every alarm kind gets a bilingual checklist; mistakes name their line."""

from __future__ import annotations

import pytest

from cockpit.models import AlarmKind
from cockpit.sop import load_sops, parse_sops
from cockpit.yaml_files import YamlFileError, yaml_line

GOOD = """procedures:
  fall:
    title: {en: Person down, zh_CN: 人员跌倒}
    steps:
      - id: verify_video
        text: {en: Look, zh_CN: 查看}
      - id: dispatch_nearest
        text: {en: Send, zh_CN: 派人}
  default:
    title: {en: Alarm, zh_CN: 报警}
    steps:
      - id: verify_video
        text: {en: Look, zh_CN: 查看}
"""


def test_the_shipped_procedures_cover_every_kind_in_both_languages():
    book = load_sops()
    for kind in AlarmKind:
        procedure = book.for_kind(kind)
        assert procedure.steps and procedure.title.pick("zh_CN") and procedure.title.pick("en")
        assert all(s.text.en.strip() and s.text.zh_CN.strip() for s in procedure.steps)
    for kind in ("fall", "smoke", "heart_rate", "intrusion", "crowd"):  # the demo's incidents have their own
        assert kind in book.procedures
    assert book.for_kind(AlarmKind.FALL).step_ids[0] == "verify_video"
    assert book.for_kind(AlarmKind.LINE_CROSSING) is book.procedures["default"]


@pytest.mark.parametrize(("change", "expected"), [
    (("  fall:\n", "  falls:\n"), "s.yaml:2: procedures.falls: unknown alarm kind 'falls'"),
    (("      - id: dispatch_nearest\n", "      - id: verify_video\n"),
     "s.yaml:7: procedures.fall.steps[1].id: step id 'verify_video' is used twice"),
    (("        text: {en: Send, zh_CN: 派人}\n", "        text: {en: Send}\n"),
     "s.yaml:8: procedures.fall.steps[1].text.zh_CN: Field required"),
    (("  default:\n", "  door:\n"), "s.yaml:1: procedures: a `default` procedure is needed"),
    (("    steps:\n      - id: verify_video\n        text: {en: Look, zh_CN: 查看}\n      - id: dispatch_nearest\n"
      "        text: {en: Send, zh_CN: 派人}\n", "    steps: []\n"),
     "s.yaml:4: procedures.fall.steps: List should have at least 1 item"),
    (("      - id: verify_video\n", "      - id: Verify Video\n"),
     "s.yaml:5: procedures.fall.steps[0].id: String should"),
])
def test_a_bad_procedure_file_names_the_line(change, expected):
    old, new = change
    assert old in GOOD
    with pytest.raises(YamlFileError) as caught:
        parse_sops(GOOD.replace(old, new, 1), "s.yaml")
    assert expected in str(caught.value)


def test_lines_point_at_the_key_of_a_mapping_entry():
    import yaml

    root = yaml.compose(GOOD)
    assert yaml_line(root, ("procedures", "fall", "steps")) == 4  # the key, not the first item below it
    assert yaml_line(root, ("procedures", "fall", "steps", 1, "text", "en")) == 8
    assert yaml_line(root, ("procedures", "nothing", "here")) == 1  # as deep as it goes
    assert parse_sops(GOOD).for_kind(AlarmKind.SMOKE).title.en == "Alarm"
