package org.dualpay.payment;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.ibatis.annotations.Mapper;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.RestController;

/**
 * payment-service is cut by feature (cashier, trade, notify, confirm, refund, reconciliation) over
 * shared parts (domain, ledger, channel, infrastructure, web). These rules keep it so.
 */
@AnalyzeClasses(packages = "org.dualpay.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A MyBatis mapper, a row class, or a Feign client (with its records): persistence and remote calls. */
    static final DescribedPredicate<JavaClass> INFRASTRUCTURE = describe("mappers, rows and Feign clients",
            c -> c.isAnnotatedWith(Mapper.class) || c.getSimpleName().endsWith("Row")
                    || c.isAnnotatedWith(FeignClient.class)
                    || c.getEnclosingClass().map(e -> e.isAnnotatedWith(FeignClient.class)).orElse(false));

    @ArchTest
    static final ArchRule domain_is_free_of_frameworks = noClasses().that().resideInAPackage("..payment.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.ibatis..",
                    "com.baomidou..", "io.seata..", "feign..", "jakarta.servlet..", "io.micrometer..")
            .because("the domain is plain Java: records, enums and rules");

    @ArchTest
    static final ArchRule web_never_reaches_infrastructure = noClasses().that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat(INFRASTRUCTURE)
            .because("controllers build their views from domain records, through the feature's services");

    @ArchTest
    static final ArchRule channel_protocols_and_gateways_are_plain_java = noClasses().that()
            .areAssignableTo(org.dualpay.payment.channel.ChannelProtocol.class)
            .or().areInterfaces().and().areAssignableTo(org.dualpay.payment.channel.ChannelGateway.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
            .because("a channel is a protocol (verify a notify, answer it) and a gateway (its API) composed, "
                    + "with nothing of the web framework in what they offer");

    @ArchTest
    static final ArchRule features_are_free_of_cycles = slices().matching("org.dualpay.payment.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule everything_is_under_the_application_package = classes()
            .that().areAnnotatedWith(org.springframework.stereotype.Component.class)
            .or().areMetaAnnotatedWith(org.springframework.stereotype.Component.class)
            .or().areAnnotatedWith(Mapper.class).or().areAnnotatedWith(FeignClient.class)
            .should().resideInAPackage("org.dualpay.payment..")
            .because("component, mapper and Feign client scanning start at PaymentApplication's package");
}
