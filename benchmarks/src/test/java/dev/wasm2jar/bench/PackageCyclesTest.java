package dev.wasm2jar.bench;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** No package of the benchmarks imports, directly or through others, a package that imports it back. */
class PackageCyclesTest {
    @Test
    void noCycleAmongTheBenchmarksPackages() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wasm2jar.bench");
        assertTrue(classes.contain(BenchMain.class) && classes.contain(dev.wasm2jar.bench.engine.NativeKernel.class),
                "the benchmarks' classes are checked");

        // runtime-support's one known cycle, named in the cli's PackageCyclesTest, is not this module's to check.
        slices().matching("dev.wasm2jar.(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime"), resideInAPackage("dev.wasm2jar.runtime.internal"))
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime"), resideInAPackage("dev.wasm2jar.runtime.abi"))
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime.abi"), resideInAPackage("dev.wasm2jar.runtime.internal"))
                .check(classes);
    }
}
