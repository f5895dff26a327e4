-- A user's chats, for presence fan-out to the people they chat with.
CREATE INDEX chat_members_by_user ON chat_members (user_id);
