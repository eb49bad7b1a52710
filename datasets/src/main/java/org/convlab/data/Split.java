package org.convlab.data;

/**
 * A training part and a validation part of one data set, with the original indices of their
 * examples.
 */
public record Split(DataSet train, DataSet validation, int[] trainIndices, int[] validationIndices) {
}
