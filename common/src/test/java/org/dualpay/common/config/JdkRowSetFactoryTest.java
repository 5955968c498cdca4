package org.dualpay.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.rowset.RowSetProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class JdkRowSetFactoryTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(JdkRowSetFactory.PROPERTY);
        System.clearProperty(JdkRowSetFactory.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(JdkRowSetFactory.PROPERTY);
        } else {
            System.setProperty(JdkRowSetFactory.PROPERTY, before);
        }
    }

    @Test
    void should_name_the_jdk_default_so_that_the_provider_returns_it_without_a_lookup() throws Exception {
        // when
        new JdkRowSetFactory().postProcessEnvironment(new MockEnvironment(), null);

        // then
        assertThat(System.getProperty(JdkRowSetFactory.PROPERTY)).isEqualTo(JdkRowSetFactory.JDK_DEFAULT);
        assertThat(RowSetProvider.newFactory().getClass().getName()).isEqualTo(JdkRowSetFactory.JDK_DEFAULT);
    }

    @Test
    void should_keep_a_factory_named_already() {
        // given
        System.setProperty(JdkRowSetFactory.PROPERTY, "com.example.OtherRowSetFactory");

        // when
        new JdkRowSetFactory().postProcessEnvironment(new MockEnvironment(), null);

        // then
        assertThat(System.getProperty(JdkRowSetFactory.PROPERTY)).isEqualTo("com.example.OtherRowSetFactory");
    }
}
