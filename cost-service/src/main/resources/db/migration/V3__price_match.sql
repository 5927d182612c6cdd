-- How a span's price entry was found: PROVIDER_AND_MODEL (the span's provider has the entry) or MODEL_NAME (its
-- provider has none and the model name alone named one entry across providers); null for rows priced before.
ALTER TABLE span_costs ADD COLUMN price_match text;
