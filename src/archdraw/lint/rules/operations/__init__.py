"""Operations rules."""
