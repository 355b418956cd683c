-- Way back of admin_center V8 (release 2.1.0): the notifier's delivery log and the users' phone numbers did not
-- exist in 2.0.0. Their rows are lost; the migrator refuses this rollback while they hold rows unless
-- --allow-data-loss is given.
DROP TABLE notification_delivery;
DROP TABLE user_contact;
