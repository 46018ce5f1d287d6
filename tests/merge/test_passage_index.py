"""Search by meaning reads passages cut when documents are stored and holds their vectors in
memory (`PassageIndex`): a search after new documents reads and embeds only those, documents
that stop being current or become copies drop out, and registers made before the passages
table get theirs when they are opened."""

from __future__ import annotations

import hashlib
import re
import threading
import uuid

import numpy as np
import pytest
from sqlalchemy import func, select, text

from communique.clean import clean
from communique.language import identify
from communique.merge.semantic import passage_index, passages, semantic_search
from communique.model import Document
from communique.store import Store
from communique.store.schema import passages as passages_table
from communique.text.passages import text_key
from tests.conftest import BACKENDS


class WordEmbedder:
    """Bag-of-words vectors (each word hashed to one of 256 dimensions), counting the texts it embeds."""

    name = "test-words"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(256, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            v[int(hashlib.sha1(word.encode()).hexdigest(), 16) % 256] += 1
        return v / (np.linalg.norm(v) or 1)

    def passages(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, 256), np.float32)

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


def _doc(path: str, *paragraphs: str) -> Document:
    return identify(clean(Document(path=path, raw="\n\n".join(paragraphs) + "\n")))


RUBBER = ("Rubber exporters from both countries met in the port city to discuss tariffs on natural rubber "
          "and a new certification scheme for smallholder plantations.")
TRAINS = ("The railway companies agreed to run a daily freight train between the two capitals from next "
          "spring, carrying machinery, fruit and electronics.")
VACCINES = ("Health ministries will share vaccine research data and train laboratory staff in genome "
            "sequencing under the new programme.")


def test_passages_are_cut_when_a_document_is_stored(db_url):
    store = Store(db_url)
    doc = _doc("a.txt", "Trade talks in the capital", RUBBER, TRAINS)
    store.put(doc)
    with store.engine.connect() as conn:
        rows = conn.execute(select(passages_table).order_by(passages_table.c.pk)).all()
    assert [doc.body[r.start:r.end] for r in rows] == [p.text for p in passages(store)]
    assert RUBBER in [doc.body[r.start:r.end] for r in rows] and TRAINS in [doc.body[r.start:r.end] for r in rows]
    assert all(r.text_sha == text_key(doc.body[r.start:r.end]) for r in rows)


def test_a_search_after_new_documents_embeds_only_their_passages(db_url):
    store, model = Store(db_url), WordEmbedder()
    store.put(_doc("a.txt", RUBBER))
    store.put(_doc("b.txt", TRAINS))
    assert semantic_search(store, model, "natural rubber tariffs")[0].path == "a.txt"
    first = len(model.embedded)
    assert first == 2
    assert semantic_search(store, model, "freight train")[0].path == "b.txt"
    assert len(model.embedded) == first  # nothing new: nothing embedded, nothing read again
    store.put(_doc("c.txt", VACCINES))
    hits = semantic_search(store, model, "vaccine research and genome sequencing")
    assert hits[0].path == "c.txt" and VACCINES[:50] in hits[0].snippet
    assert model.embedded[first:] == [VACCINES]


def test_a_new_index_reads_cached_vectors_instead_of_embedding(db_url):
    store, model = Store(db_url), WordEmbedder()
    store.put(_doc("a.txt", RUBBER))
    semantic_search(store, model, "rubber")
    again, fresh = Store(db_url), WordEmbedder()  # another process: another index, the same cache
    assert semantic_search(again, fresh, "rubber")[0].path == "a.txt"
    assert fresh.embedded == []


def test_a_revised_document_and_a_near_duplicate_drop_out(db_url):
    store, model = Store(db_url), WordEmbedder()
    store.put(_doc("a.txt", RUBBER))
    store.put(_doc("b.txt", TRAINS))
    assert {h.path for h in semantic_search(store, model, "rubber train")} == {"a.txt", "b.txt"}
    revised = _doc("a.txt", VACCINES)  # the same file, changed: a new version supersedes the old
    store.put(revised)
    hits = semantic_search(store, model, "rubber tariffs")
    assert [h.id for h in hits if h.path == "a.txt"] == [revised.id]
    b_id = next(h.id for h in hits if h.path == "b.txt")
    store.set_duplicate_of(b_id, revised.id)
    assert b_id not in {h.id for h in semantic_search(store, model, "freight train")}


def test_language_filter_and_limit(db_url):
    store, model = Store(db_url), WordEmbedder()
    store.put(_doc("en.txt", RUBBER))
    store.put(_doc("vi.txt", "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong lĩnh vực cao su."))
    index = passage_index(store, model)
    assert index.wanted("vi").sum() == 1
    assert [h.path for h in semantic_search(store, model, "rubber", lang="vi")] == ["vi.txt"]
    assert len(semantic_search(store, model, "rubber", limit=1)) == 1


def test_a_register_made_before_the_passages_table_gets_them_when_opened(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    store.put(_doc("a.txt", RUBBER, TRAINS))
    with store.engine.begin() as conn:  # as a register of revision 0013 was
        conn.execute(text("DROP TABLE passages"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0013'"))
    store.close()
    reopened = Store(url)
    with reopened.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(passages_table)).scalar_one() == 2
    assert semantic_search(reopened, WordEmbedder(), "freight train")[0].path == "a.txt"


def test_on_postgresql_the_server_ranks_through_the_models_hnsw_index(db_url, backend):
    store, model = Store(db_url), WordEmbedder()
    for n, text_ in enumerate((RUBBER, TRAINS, VACCINES)):
        store.put(_doc(f"{n}.txt", text_))
    hits = semantic_search(store, model, "freight train between the capitals")
    assert hits[0].path == "1.txt"
    # the order is the exact cosine order, whichever ranks it
    query = model.query("freight train between the capitals")
    exact = sorted(((float(model._vector(t) @ query), f"{n}.txt") for n, t in enumerate((RUBBER, TRAINS, VACCINES))),
                   reverse=True)
    assert [h.path for h in hits] == [path for _, path in exact]
    assert [h.score for h in hits] == [round(score, 4) for score, _ in exact]
    assert store.pgvector == (backend == "postgresql")
    if backend == "postgresql":
        with store.engine.connect() as conn:
            indexes = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'vectors'")).scalars().all()
        assert any("hnsw" in d and "test-words" in d for d in indexes)


def test_a_passage_whose_text_alignment_embedded_first_is_found_by_the_server(db_url, backend):
    # Alignment and evidence cache sentence vectors without pgvector's column (nothing searches
    # them there); a passage with the same text must still be searchable, without embedding again.
    store, model = Store(db_url), WordEmbedder()
    from communique.merge.semantic import vectors_for

    vectors_for(store, model, [TRAINS])  # as the register caches a sentence
    key = text_key(TRAINS)
    assert store.vector_keys(model.name, [key]) == {key}
    assert store.vector_keys(model.name, [key], searchable=True) == (set() if backend == "postgresql" else {key})
    for n, text_ in enumerate((RUBBER, TRAINS, VACCINES)):
        store.put(_doc(f"{n}.txt", text_))
    model.embedded.clear()
    hits = semantic_search(store, model, "freight train between the capitals")
    assert hits[0].path == "1.txt" and TRAINS not in model.embedded
    assert store.vector_keys(model.name, [key], searchable=True) == {key}


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="PostgreSQL left out (COMMUNIQUE_TEST_BACKENDS)")
def test_a_postgresql_user_who_may_not_create_the_extension_gets_a_register_searched_in_memory(request):
    cluster = request.getfixturevalue("pg_cluster")
    role = "analyst_" + uuid.uuid4().hex[:8]
    name = cluster.new_database()
    request.addfinalizer(lambda: (cluster.drop_database(name), cluster.execute(f'DROP ROLE IF EXISTS "{role}"')))
    cluster.execute(f'CREATE ROLE "{role}" LOGIN')
    cluster.execute(f'ALTER DATABASE "{name}" OWNER TO "{role}"')
    cluster.execute(f'ALTER SCHEMA public OWNER TO "{role}"', database=name)
    store = Store(cluster.url(name).replace("postgres@", f"{role}@"))
    assert not store.pgvector
    store.put(_doc("a.txt", RUBBER))
    store.put(_doc("b.txt", TRAINS))
    assert semantic_search(store, WordEmbedder(), "freight train")[0].path == "b.txt"


def test_searches_in_threads_while_documents_arrive(db_url):
    store, model = Store(db_url), WordEmbedder()
    store.put(_doc("first.txt", RUBBER))
    errors: list[BaseException] = []
    stop = threading.Event()

    def search() -> None:
        while not stop.is_set():
            try:
                assert semantic_search(store, model, "rubber tariffs freight train", limit=50)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
                return

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for n in range(30):
        store.put(_doc(f"news-{n}.txt", f"Bulletin {n}: " + (TRAINS if n % 2 else VACCINES)))
    stop.set()
    for t in threads:
        t.join(30)
    assert not errors, errors[0]
    assert len(semantic_search(store, model, "freight train", limit=50)) == 31
