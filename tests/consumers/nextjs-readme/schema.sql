-- The app's own tables, before twofa: users (the README's ALTER TABLE adds
-- twofa's columns) and the sessions of lib/auth.ts.
CREATE TABLE users (
  id            serial PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  password_hash text NOT NULL
);
CREATE TABLE sessions (
  id      text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id)
);
