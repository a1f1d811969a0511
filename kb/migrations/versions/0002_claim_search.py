"""Text search over claims' quotes and sentences.

SQLite: an FTS5 table with the trigram tokenizer, kept in step by triggers. Trigrams find any
substring of three characters or more, which is what Chinese text needs (it has no spaces to
split words on); shorter queries fall back to LIKE in `kb.queries`.
PostgreSQL: a GIN index on a 'simple' tsvector for word search in English, and a pg_trgm GIN
index for substring search in Chinese (LIKE/ILIKE use it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE claim_fts USING fts5("
            "quote, sentence, content='claim', content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN "
            "INSERT INTO claim_fts(rowid, quote, sentence) "
            "VALUES (new.id, new.quote, new.sentence); END"
        )
        op.execute(
            "CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim BEGIN "
            "INSERT INTO claim_fts(claim_fts, rowid, quote, sentence) "
            "VALUES ('delete', old.id, old.quote, old.sentence); END"
        )
        op.execute(
            "CREATE TRIGGER claim_fts_update AFTER UPDATE OF quote, sentence ON claim BEGIN "
            "INSERT INTO claim_fts(claim_fts, rowid, quote, sentence) "
            "VALUES ('delete', old.id, old.quote, old.sentence); "
            "INSERT INTO claim_fts(rowid, quote, sentence) "
            "VALUES (new.id, new.quote, new.sentence); END"
        )
        op.execute("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_claim_tsv ON claim USING GIN "
            "(to_tsvector('simple', quote || ' ' || sentence))"
        )
        op.execute(
            "CREATE INDEX ix_claim_trgm ON claim USING GIN "
            "((quote || ' ' || sentence) gin_trgm_ops)"
        )


def downgrade() -> None:
    raise NotImplementedError("claimkb never drops data: restore a backup instead")
