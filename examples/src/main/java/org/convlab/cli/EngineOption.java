package org.convlab.cli;

import org.convlab.engine.EngineChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code --engine auto|native|lowered}: the convolution engine of every layer that has no
 * {@code .engine(...)} of its own ({@link EngineChoice#setDefault}). Mixed into the top command
 * with inherited scope, so every subcommand takes it: {@code convlab train --engine lowered ...}.
 */
public final class EngineOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--engine", paramLabel = "ENGINE", scope = ScopeType.INHERIT,
            description = "Convolution engine: auto (fastest correct algorithm per layer, the default), native "
                    + "(ND4J's ops where they apply) or lowered (im2col + GEMM everywhere).")
    void engine(String word) {
        try {
            EngineChoice.setDefault(EngineChoice.parse(word));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--engine: " + e.getMessage());
        }
    }
}
