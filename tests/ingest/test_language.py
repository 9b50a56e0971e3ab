from steppe.ingest.language import is_english


def test_english_news_is_english():
    assert is_english("Kazakh authorities detained 113 Tajik citizens in the south of the country on "
                      "September 23 and expelled them to Kyrgyzstan, the ministry said.")


def test_russian_and_german_are_not_english():
    assert not is_english("Казахстанские власти задержали 113 граждан Таджикистана и выслали их "
                          "в Кыргызстан, сообщило министерство иностранных дел страны в понедельник.")
    assert not is_english("Die kasachischen Behörden haben am Montag mehr als hundert Bürger aus "
                          "Tadschikistan festgenommen und nach Kirgisistan abgeschoben, hieß es.")
