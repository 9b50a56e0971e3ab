-- Events say whether someone died (schema extension `fatal`).
ALTER TABLE events ADD COLUMN fatal BOOLEAN;
