-- Idempotency keys for imports: a retried request with the same key gets the first answer back and
-- changes nothing (issue 4: idempotency keys on imports).

CREATE TABLE idempotency_key (
  actor_id uuid NOT NULL REFERENCES app_user (id),
  key text NOT NULL,
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  response jsonb,
  PRIMARY KEY (actor_id, key)
);
