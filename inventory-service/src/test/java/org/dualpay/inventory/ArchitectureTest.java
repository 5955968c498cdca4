package org.dualpay.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** inventory-service is cut by role: domain (plain Java), application, infrastructure (mappers, rows, Feign), web. */
@AnalyzeClasses(packages = "org.dualpay.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_is_free_of_frameworks = noClasses().that().resideInAPackage("..inventory.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.ibatis..",
                    "com.baomidou..", "io.seata..", "feign..", "jakarta.servlet..")
            .because("the domain is plain Java: records, enums and rules");

    @ArchTest
    static final ArchRule web_never_reaches_infrastructure = noClasses().that().resideInAPackage("..inventory.web..")
            .should().dependOnClassesThat().resideInAPackage("..inventory.infrastructure..")
            .because("controllers go through the application services and build views from domain records");

    @ArchTest
    static final ArchRule infrastructure_serves_and_never_calls_up = noClasses()
            .that().resideInAPackage("..inventory.infrastructure..")
            .should().dependOnClassesThat().resideInAnyPackage("..inventory.application..", "..inventory.web..");

    @ArchTest
    static final ArchRule layers_are_free_of_cycles = slices().matching("org.dualpay.inventory.(*)..").should().beFreeOfCycles();
}
