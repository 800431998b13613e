"""The server-config writer alone: nginx and Apache configurations for the dataset's languages."""

from __future__ import annotations

from pathlib import Path

from aidlod.dataset import Dataset
from aidlod.writers.hosting import ServerConfigWriter

from .common import run, written_as_built


def test_server_config_writer(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, site = seed_build
    stage = run(ServerConfigWriter(), data, tmp_path)
    assert written_as_built(stage, site) == [".htaccess", "server/nginx.conf"]
    conf = (tmp_path / "server" / "nginx.conf").read_text(encoding="utf-8")
    assert data.languages == ("nb", "en")
    assert ".nb.html" in conf and ".en.html" in conf


def test_the_languages_come_from_the_dataset(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, _site = seed_build
    spanish = Dataset(data.triples, data.iris, data.data_dir, languages=("es", "en"))
    stage = run(ServerConfigWriter(), spanish, tmp_path)
    conf = (stage.root / "server" / "nginx.conf").read_text(encoding="utf-8")
    assert ".es.html" in conf and ".nb.html" not in conf
