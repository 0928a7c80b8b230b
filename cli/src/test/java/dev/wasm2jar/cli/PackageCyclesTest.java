package dev.wasm2jar.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No package of wasm2jar imports, directly or through others, a package that imports it back: the layers stay
 * visible from the folders. The cli sees the main classes of every library module (runtime-support, compiler,
 * wasi-impl, nn-impl) and its own; the Maven plugin and the benchmarks check theirs in their own modules.
 *
 * <p>One known cycle is left, and named here so that it can only shrink: runtime-support's public package
 * ({@code Module}, {@code WasmFunction}) calls its instantiator ({@code runtime.internal}) and reads the metadata
 * ({@code runtime.abi}), and those two use the public types ({@code ValueType}, {@code Memory}, the exceptions).
 * Breaking it means moving the types below the entry points (RATIONALE.md, "Package cycles").
 */
class PackageCyclesTest {
    @Test
    void noCycleAmongThePackagesOfEveryModule() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wasm2jar");
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        for (String module : new String[] {"dev.wasm2jar.runtime", "dev.wasm2jar.compiler", "dev.wasm2jar.wasi",
                "dev.wasm2jar.nn", "dev.wasm2jar.cli"}) {
            assertTrue(packages.contains(module), "the classes of " + module + " are checked: " + packages);
        }

        slices().matching("dev.wasm2jar.(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime"), resideInAPackage("dev.wasm2jar.runtime.internal"))
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime"), resideInAPackage("dev.wasm2jar.runtime.abi"))
                .ignoreDependency(resideInAPackage("dev.wasm2jar.runtime.abi"), resideInAPackage("dev.wasm2jar.runtime.internal"))
                .check(classes);
    }
}
