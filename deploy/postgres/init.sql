-- Runs once, when the postgres volume is empty: a database per owner, so that each service's
-- migrations and backups stay its own.
CREATE DATABASE readmodels OWNER chp;     -- projections (READ_MODEL_URL); rebuildable from complaints
CREATE DATABASE notifications OWNER chp;  -- notifications' sent log (SENT_LOG_URL); back it up
CREATE DATABASE console OWNER chp;        -- the console's sessions (SESSION_STORE_URL); disposable
CREATE DATABASE keys OWNER chp;           -- complaints' key store (KEY_STORE_URL): customers' data keys; back it up
CREATE DATABASE knowledge OWNER chp;      -- knowledge's event store (EVENT_STORE_URL); the source of truth: back it up
CREATE DATABASE knowledge_read OWNER chp; -- knowledge's read model (READ_MODEL_URL); rebuilt from its event store
