from steppe.ingest.language import is_english


def test_english_news_is_english():
    assert is_english("Kazakh authorities detained 113 Tajik citizens in the south of the country on "
                      "September 23 and expelled them to Kyrgyzstan, the ministry said.")


def test_russian_and_german_are_not_english():
    assert not is_english("Казахстанские власти задержали 113 граждан Таджикистана и выслали их "
                          "в Кыргызстан, сообщило министерство иностранных дел страны в понедельник.")
    assert not is_english("Die kasachischen Behörden haben am Montag mehr als hundert Bürger aus "
                          "Tadschikistan festgenommen und nach Kirgisistan abgeschoben, hieß es.")


def test_a_short_sentence_with_few_function_words_is_kept():
    # one function word in twelve: unusual but not improbable for a wire sentence
    assert is_english("Syrian troops killed five rebels near Homs, the website Al-Monitor reported.")
    assert is_english("Kenyan police arrest 40 protesters in Nairobi")  # a headline


def test_accented_latin_text_in_english_is_english():
    # a mostly-ASCII English text with names in accented letters
    assert is_english("The São Paulo court ordered José Núñez and Łukasz Wójcik released on bail after the hearing.")
