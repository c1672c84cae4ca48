-- What a report says beyond its text: the number to call back (prefilled from the
-- reporter's account) and the site's zone it concerns.
ALTER TABLE incidents ADD COLUMN callback_phone TEXT;
ALTER TABLE incidents ADD COLUMN zone TEXT;
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
