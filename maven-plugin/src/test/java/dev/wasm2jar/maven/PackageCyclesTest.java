package dev.wasm2jar.maven;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the Maven plugin imports, directly or through others, a package that imports it back; nor do those
 * of the modules it uses (the cli's test checks those as well, with the modules the plugin does not see).
 */
class PackageCyclesTest {
    @Test
    void noCycleAmongThePluginsPackages() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wasm2jar");
        assertTrue(classes.stream().anyMatch(c -> c.getPackageName().equals("dev.wasm2jar.maven"))
                && classes.stream().anyMatch(c -> c.getPackageName().equals("dev.wasm2jar.maven.internal")),
                "the plugin's classes are checked");

        // runtime-support's one known cycle, named in the cli's PackageCyclesTest, is not this module's to check.
        slices().matching("dev.wasm2jar.(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime"), resideInAPackage("dev.wasm2jar.runtime.internal"))
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime"), resideInAPackage("dev.wasm2jar.runtime.abi"))
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime.abi"), resideInAPackage("dev.wasm2jar.runtime.internal"))
                .check(classes);
    }
}
