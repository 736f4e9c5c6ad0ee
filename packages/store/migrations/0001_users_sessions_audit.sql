-- Users, their entitlements (IR(ME)R duty holders and service roles, with scope and expiry), sessions,
-- two-factor authentication and the hash-chained audit trail (ACR remote scanning: 2FA, role-based
-- access, audit trails; ROS 4.1: IR(ME)R duty holders).

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  totp_secret text,
  totp_confirmed_at timestamptz,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recovery_code (
  user_id uuid NOT NULL REFERENCES app_user (id),
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE entitlement (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  role text NOT NULL CHECK (role IN ('administrator', 'referrer', 'irmer_practitioner', 'operator', 'reporter',
    'medical_physics_expert', 'service_manager', 'auditor')),
  scope text NOT NULL DEFAULT '*',
  valid_from date NOT NULL,
  valid_until date,
  granted_by uuid REFERENCES app_user (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  note text
);

CREATE INDEX entitlement_user ON entitlement (user_id);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  second_factor_at timestamptz,
  ended_at timestamptz,
  from_address text
);

CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  actor_roles text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'read', 'update', 'delete', 'sign_in', 'sign_out', 'export')),
  entity_type text NOT NULL,
  entity_id text,
  patient_id uuid,
  from_address text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  detail jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

CREATE INDEX audit_event_patient ON audit_event (patient_id, seq);
