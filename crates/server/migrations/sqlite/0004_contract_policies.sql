-- The SLA values a contract promises, as the administrator set them (the procedure's, or
-- the configuration file's, apply to a contract that has no row here).
CREATE TABLE contract_policies (
    contract TEXT PRIMARY KEY,
    policy TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
