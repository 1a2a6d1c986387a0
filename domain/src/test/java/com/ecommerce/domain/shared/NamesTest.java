package com.ecommerce.domain.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"kim", "김철수", "Zoë Ångström", "李小龍", "O'Brien-Smith", "a b", "🙂 shop", "Ｆｕｌｌ"})
    void aNameOfPrintableCharacters_isKeptAsItIs(String name) {
        assertThat(Names.normalize("name", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kim\nlee", "kim\tlee", "kim\u0000", "a\u001b[31mred", "a\u007f", "a\u0085b",
            "evil\u202Etxt.exe", "kim\u200Blee", "kim\u200Dlee", "\uFEFFkim", "a\u2066b", "a\u00ADb", "kim\uD800",
            "\uDC00kim"})
    void aNameWithAControlFormatOrLoneSurrogateCharacter_isRefused(String name) {
        assertThatThrownBy(() -> Names.normalize("name", name)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("control or format characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\tkim\n", "\r\nkim "})
    void controlCharactersAroundTheName_areTrimmedAway(String name) {
        assertThat(Names.normalize("name", name)).isEqualTo("kim");
    }
}
